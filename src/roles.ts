/**
 * Starts the roles of one process over its ports: `serve` runs all of them (api, projector, orchestrator,
 * worker); `worker` runs generator actors only. Nothing here knows NATS: src/service.ts opens the ports on it,
 * specs pass in-memory ones.
 */
import type { Server } from 'node:http';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Activities } from './activities/activities.js';
import { waitForBoot } from './activities/boot-wait.js';
import { modelCheckGauge } from './activities/model-check-gauge.js';
import { ModelCheckPool } from './activities/model-check-pool.js';
import { createApp } from './api/app.js';
import { loadCredentialsKey } from './credentials/key.js';
import { CredentialVault } from './credentials/vault.js';
import { loadUsers } from './users/configured-users.js';
import { LdapSignIn } from './users/ldap-sign-in.js';
import { UserDirectory } from './users/user-directory.js';
import type { Config } from './config.js';
import { LeaderLease } from './leadership/leader-lease.js';
import { ServiceMetrics } from './metrics.js';
import { Orchestrator } from './orchestrator/orchestrator.js';
import { Projector } from './projection/projector.js';
import { ReadModel } from './projection/read-model.js';
import { Scheduler } from './scheduler/scheduler.js';
import type { ServicePorts } from './service-ports.js';
import { sinkSettings } from './sinks/context.js';
import { serviceKinds } from './sinks/service-kinds.js';
import { BatchPuller } from './worker/batch-puller.js';

export type Role = 'api' | 'orchestrator' | 'worker';

/** The ports and the credential store opened by the configured key. */
type VaultPorts = ServicePorts & { credentialVault: CredentialVault };

/** What a process runs its activities on: threads in production, the calling thread in specs. */
export type ActivitiesFactory = (need: { batchThreads: number; sinkSteps: boolean }) => Activities;

export interface RunningRoles {
  url?: string;
  readModel?: ReadModel;
  batchPuller?: BatchPuller;
  lease?: LeaderLease;
  stop(): Promise<void>;
}

export async function startRoles(ports: ServicePorts, config: Config, roles: Role[], log: Logger, activitiesFor: ActivitiesFactory, holder = `${os.hostname()}:${process.pid}`): Promise<RunningRoles> {
  const stops: Array<() => Promise<void>> = [];
  const running: RunningRoles = { stop: () => stopAll(stops, log) };
  // Read once: a key that does not read stops the start with a configuration error.
  const credentialVault = new CredentialVault(ports.credentials, loadCredentialsKey(config.credentialsKey));
  // Threads boot (and load dictionaries) while the roles start; the process is up once they have (boot-wait.ts),
  // so that the first command does not pay for them.
  const booting: Array<Promise<void> | undefined> = [];
  try {
    if (roles.includes('worker') && config.workerSlots > 0) running.batchPuller = startBatchPuller({ ...ports, credentialVault }, config, log, activitiesFor, holder, stops, booting);
    if (roles.includes('orchestrator')) running.lease = await startLeaderRoles({ ...ports, credentialVault }, config, log, activitiesFor, holder, stops, booting);
    if (roles.includes('api')) Object.assign(running, await startApi({ ...ports, credentialVault }, config, log, stops, booting));
    if (!running.url) await waitForBoot(booting, log); // the API waited before listening
    return running;
  } catch (err) {
    await stopAll(stops, log);
    throw err;
  }
}

function startBatchPuller(ports: VaultPorts, config: Config, log: Logger, activitiesFor: ActivitiesFactory, holder: string, stops: Array<() => Promise<void>>, booting: Array<Promise<void> | undefined>): BatchPuller {
  const activities = activitiesFor({ batchThreads: config.workerSlots, sinkSteps: false });
  booting.push(activities.ready?.());
  const puller = new BatchPuller({
    ...ports,
    activities,
    settings: (overrides) => sinkSettings(config, overrides),
    compileDirs: [...config.modelDirs, config.dataDir],
    slots: config.workerSlots,
    log,
    id: holder,
  });
  puller.start();
  stops.unshift(async () => {
    await puller.stop();
    await activities.close();
  });
  return puller;
}

/** Orchestrator and scheduler write lifecycle events: only the lease holder runs them. */
async function startLeaderRoles(ports: VaultPorts, config: Config, log: Logger, activitiesFor: ActivitiesFactory, holder: string, stops: Array<() => Promise<void>>, booting: Array<Promise<void> | undefined>): Promise<LeaderLease> {
  let active: { stop(): Promise<void> }[] = [];
  const callbacks = {
    onAcquire: async () => {
      // Each part is recorded as soon as it exists, so a start that fails midway is stopped by onLose.
      const activities = activitiesFor({ batchThreads: 0, sinkSteps: true });
      active = [{ stop: () => activities.close() }];
      booting.push(activities.ready?.());
      const orchestrator = new Orchestrator({ ...ports, activities, settings: (overrides) => sinkSettings(config, overrides), log, snapshotEvery: config.snapshotEvery });
      active.unshift(orchestrator);
      await orchestrator.start();
      const scheduler = new Scheduler({ ...ports, log, snapshotEvery: config.snapshotEvery });
      active.unshift(scheduler);
      await scheduler.start();
    },
    onLose: async () => {
      const current = active;
      active = [];
      for (const a of current) await a.stop();
    },
  };
  const lease = new LeaderLease(ports.leases, 'orchestrator', holder, ports.leaseMs, log, ports.clock);
  await lease.start(callbacks);
  if (!lease.isLeader) log.info('another process holds the orchestrator lease: standing by');
  stops.unshift(() => lease.stop(callbacks));
  return lease;
}

async function startApi(ports: VaultPorts, config: Config, log: Logger, stops: Array<() => Promise<void>>, booting: Array<Promise<void> | undefined>): Promise<{ url: string; readModel: ReadModel }> {
  const readModel = new ReadModel({ viewCache: config.viewCache, history: (uuid) => ports.events.readCommand(uuid) });
  const metrics = new ServiceMetrics(readModel, serviceKinds()); // before the replay, so totals cover the whole stream
  const projector = new Projector(readModel, { events: ports.events, snapshots: ports.snapshots, snapshotEvery: config.snapshotEvery, log, parts: [metrics.snapshotPart()] });
  await projector.start();
  stops.unshift(() => projector.stop());
  // Internal users first, then the directory (user-directory.ts).
  const users = new UserDirectory(loadUsers(config.users), ports.users, { external: config.ldap ? new LdapSignIn(config.ldap, log) : undefined });
  const signIn = await users.signInRequired();
  if (!signIn && !isLoopback(config.host)) {
    log.warn({ requestedHost: config.host }, 'no users configured (DATAGEN_USERS) or stored: refusing to listen beyond loopback; listening on 127.0.0.1');
    config.host = '127.0.0.1';
  }
  if (!signIn) log.info('no users configured (DATAGEN_USERS) or stored: the API is open, on loopback only');
  else log.info({ configuredUsers: users.seeds.length, ...(config.ldap ? { ldap: config.ldap.url } : {}) }, 'HTTP Basic authentication enabled');
  const modelChecks = new ModelCheckPool(config.modelChecks, log);
  stops.push(() => modelChecks.close());
  modelCheckGauge(metrics.registry, modelChecks);
  booting.push(modelChecks.ready());
  const app = createApp({ config, events: ports.events, models: ports.models, readModel, log, users, userStore: ports.users, secrets: ports.secrets, credentialVault: ports.credentialVault, metrics, health: ports.health, modelChecks, clock: ports.clock, ids: ports.ids, llm: { answers: ports.llmAnswers, shared: { permits: ports.llmPermits, spend: ports.llmSpend } } });
  // A client leaving a live stream is normal; anything else Koa reports is logged, never printed raw.
  app.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') log.debug({ err: err.message }, 'client went away');
    else log.error({ err }, 'HTTP server error');
  });
  await waitForBoot(booting, log);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
    s.on('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  stops.unshift(() => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }));
  log.info({ url }, 'datagen API listening');
  return { url, readModel };
}

async function stopAll(stops: Array<() => Promise<void>>, log: Logger): Promise<void> {
  for (const stop of stops.splice(0)) await stop().catch((err) => log.warn({ err }, 'error while stopping'));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
