/**
 * Starts one process on NATS: an embedded nats-server when no NATS_URL is set, one connection, the ports on it
 * (src/nats/nats-ports.ts), activities on threads, and the roles (src/roles.ts).
 */
import type { NatsConnection } from '@nats-io/transport-node';
import path from 'node:path';
import type { Logger } from 'pino';
import { ThreadActivities } from './activities/thread-activities.js';
import { prepareThreadBundle } from './activities/thread-bundle.js';
import type { Config } from './config.js';
import { createLogger } from './log.js';
import { connectNats } from './nats/connection.js';
import { startNatsServer } from './nats/embedded-server.js';
import { openNatsPorts } from './nats/nats-ports.js';
import { startRoles, type Role, type RunningRoles } from './roles.js';

export type { Role } from './roles.js';

export interface RunningService extends RunningRoles {
  natsUrl: string;
  nc: NatsConnection;
  log: Logger;
}

export async function startService(config: Config, roles: Role[], log = createLogger(roles.length > 1 ? 'serve' : roles[0])): Promise<RunningService> {
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const stop of stops.splice(0)) await stop().catch((err) => log.warn({ err }, 'error while stopping'));
  };
  // Built while NATS starts; the activity threads load it (activities/thread-bundle.ts).
  const bundle = prepareThreadBundle();
  try {
    let natsUrl = config.natsUrl;
    if (!natsUrl) {
      // Not on the API's port: the kernel may hand out a port a launcher just freed for us to listen on.
      const embedded = await startNatsServer(path.join(config.dataDir, 'nats'), config.embeddedNatsPort, { avoidPorts: [config.port] });
      natsUrl = embedded.url;
      log.info({ natsUrl, storeDir: path.join(config.dataDir, 'nats') }, 'started embedded nats-server');
      stops.push(() => embedded.stop());
    }
    const nc = await connectNats(natsUrl, `datagen-${roles.join('+')}`);
    stops.unshift(() => nc.drain().catch(() => nc.close()));
    const ports = await openNatsPorts(nc, config.work, config.leaseSeconds * 1000, config.natsReplicas, config.llmPermitLeaseMs);
    const threads = { limits: config.threadLimits, timeoutSeconds: config.batchTimeoutSeconds, idleMs: config.threadIdleSeconds * 1000 };
    if (!(await bundle)) log.info('activity threads load through tsx (their bundle could not be built)');
    const running = await startRoles(ports, config, roles, log, (need) => new ThreadActivities({ ...threads, ...need, llmAnswers: ports.llmAnswers, llmShared: { permits: ports.llmPermits, spend: ports.llmSpend } }));
    stops.unshift(() => running.stop());
    return { ...running, natsUrl, nc, log, stop: stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}
