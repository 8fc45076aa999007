/**
 * Starts the roles of one process: `serve` runs all of them (api, projector, orchestrator, worker);
 * `worker` runs generator actors only and joins a deployment through NATS_URL.
 */
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './api/app.js';
import { loadUsers } from './api/auth.js';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { connectNats } from './nats/connection.js';
import { startNatsServer, type EmbeddedServer } from './nats/embedded-server.js';
import { EventStore, type Unsubscribe } from './nats/event-store.js';
import { ModelStore } from './nats/model-store.js';
import { SecretStore } from './nats/secret-store.js';
import { DEFAULT_WORK_SETTINGS, ensureStreams, type WorkQueueSettings } from './nats/streams.js';
import { Orchestrator } from './orchestrator/orchestrator.js';
import { Scheduler } from './scheduler/scheduler.js';
import { LeaderLease } from './nats/leader-lease.js';
import os from 'node:os';
import { ALL_EVENTS } from './events/subjects.js';
import type { StoredEvent } from './events/types.js';
import type { StoredScheduleEvent } from './events/schedule-types.js';
import { ReadModel } from './projection/read-model.js';
import { sinkSettings } from './sinks/context.js';
import { Worker } from './worker/worker.js';
import { ActivityRunner } from './worker/activity-runner.js';
import { ModelCheckPool } from './worker/model-check-pool.js';
import { modelCheckGauge } from './worker/model-check-gauge.js';
import type { SinkContext } from './sinks/types.js';
import type { SinkStep } from './worker/batch-job.js';
import { ServiceMetrics } from './metrics.js';
import { NatsHealth } from './nats/health.js';

export type Role = 'api' | 'orchestrator' | 'worker';

export interface RunningService {
  url?: string;
  natsUrl: string;
  nc: NatsConnection;
  readModel?: ReadModel;
  worker?: Worker;
  lease?: LeaderLease;
  log: Logger;
  stop(): Promise<void>;
}

export function workSettings(env: NodeJS.ProcessEnv = process.env): WorkQueueSettings {
  return {
    ackWaitSeconds: Number(env.DATAGEN_ACK_WAIT_SECONDS ?? DEFAULT_WORK_SETTINGS.ackWaitSeconds),
    maxDeliver: Number(env.DATAGEN_MAX_DELIVER ?? DEFAULT_WORK_SETTINGS.maxDeliver),
  };
}

function leaseMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.DATAGEN_LEASE_SECONDS ?? 6) * 1000;
}

export async function startService(config: Config, roles: Role[], log = createLogger(roles.length > 1 ? 'serve' : roles[0])): Promise<RunningService> {
  const stops: Array<() => Promise<void>> = [];
  let embedded: EmbeddedServer | undefined;
  try {
    let natsUrl = config.natsUrl;
    if (!natsUrl) {
      embedded = await startNatsServer(path.join(config.dataDir, 'nats'), config.embeddedNatsPort);
      natsUrl = embedded.url;
      log.info({ natsUrl, storeDir: path.join(config.dataDir, 'nats') }, 'started embedded nats-server');
      stops.push(() => embedded!.stop());
    }
    const nc = await connectNats(natsUrl, `datagen-${roles.join('+')}`);
    stops.unshift(() => nc.drain().catch(() => nc.close()));
    const work = workSettings();
    await ensureStreams(nc, work);
    const js = jetstream(nc);
    const events = new EventStore(js);
    const models = await ModelStore.open(nc);
    const secrets = await SecretStore.open(nc);
    const settings = (overrides: Record<string, string>) => sinkSettings(config, overrides);
    const service: RunningService = { natsUrl, nc, log, stop: async () => {} };

    if (roles.includes('worker') && config.workerSlots > 0) {
      const worker = new Worker({ js, events, models, secrets, settings, compileDirs: [...config.modelDirs, config.dataDir], work, slots: config.workerSlots, threads: { limits: config.threadLimits, timeoutSeconds: config.batchTimeoutSeconds }, log });
      await worker.start();
      service.worker = worker;
      stops.unshift(() => worker.stop());
    }
    if (roles.includes('orchestrator')) {
      // Orchestrator and scheduler write lifecycle events: only the lease holder runs them.
      let active: { stop(): Promise<void> }[] = [];
      const callbacks = {
        onAcquire: async () => {
          const activities = new ActivityRunner(config.threadLimits, config.batchTimeoutSeconds);
          const runSinkStep = (step: SinkStep, service: string, ctx: SinkContext) => activities.runSinkStep(step, service, ctx);
          const orchestrator = new Orchestrator({ nc, events, js, models, secrets, settings, runSinkStep, log });
          await orchestrator.start();
          const scheduler = new Scheduler({ events, secrets, log });
          await scheduler.start();
          active = [scheduler, orchestrator, { stop: () => activities.close() }];
        },
        onLose: async () => {
          const current = active;
          active = [];
          for (const a of current) await a.stop();
        },
      };
      const lease = await LeaderLease.open(nc, 'orchestrator', `${os.hostname()}:${process.pid}`, leaseMs(), log);
      await lease.start(callbacks);
      if (!lease.isLeader) log.info('another process holds the orchestrator lease: standing by');
      service.lease = lease;
      stops.unshift(() => lease.stop(callbacks));
    }
    if (roles.includes('api')) {
      const readModel = new ReadModel();
      const metrics = new ServiceMetrics(readModel); // before the replay, so totals cover the whole stream
      let caughtUp!: () => void;
      const ready = new Promise<void>((r) => (caughtUp = r));
      const unsubscribe: Unsubscribe = await events.follow<StoredEvent | StoredScheduleEvent>((e) => readModel.apply(e), { filter: ALL_EVENTS, onCaughtUp: () => caughtUp() });
      await ready;
      stops.unshift(unsubscribe);
      service.readModel = readModel;
      const users = loadUsers();
      if (users.length === 0 && !isLoopback(config.host)) {
        log.warn({ requestedHost: config.host }, 'no users configured (DATAGEN_USERS): refusing to listen beyond loopback; listening on 127.0.0.1');
        config.host = '127.0.0.1';
      }
      if (users.length === 0) log.info('no users configured (DATAGEN_USERS): the API is open, on loopback only');
      else log.info({ users: users.length }, 'HTTP Basic authentication enabled');
      const modelChecks = new ModelCheckPool(config.modelChecks, log);
      stops.push(() => modelChecks.close());
      modelCheckGauge(metrics.registry, modelChecks);
      const app = createApp({ config, events, models, readModel, log, users, secrets, metrics, health: new NatsHealth(nc), modelChecks });
      // A client leaving a live stream is normal; anything else Koa reports is logged, never printed raw.
      app.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET' || err.code === 'EPIPE') log.debug({ err: err.message }, 'client went away');
        else log.error({ err }, 'HTTP server error');
      });
      const server: Server = await new Promise((resolve, reject) => {
        const s = app.listen(config.port, config.host, () => resolve(s));
        s.on('error', reject);
      });
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      service.url = `http://${config.host}:${port}`;
      stops.unshift(() => new Promise<void>((r) => { server.close(() => r()); server.closeAllConnections(); }));
      log.info({ url: service.url }, 'datagen API listening');
    }
    service.stop = async () => {
      for (const stop of stops) await stop().catch((err) => log.warn({ err }, 'error while stopping'));
    };
    return service;
  } catch (err) {
    for (const stop of stops) await stop().catch(() => {});
    throw err;
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
