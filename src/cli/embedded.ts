/**
 * An in-process service (API, orchestrator, generator actors, embedded nats-server) for `generate`
 * without --server: it listens on a free loopback port and is stopped when the command ends.
 * Its logs go to stderr at level warn so they do not mix with the command's output.
 */
import { pino } from 'pino';
import type { RunningService } from '../service.js';

export async function startEmbeddedService(): Promise<RunningService & { url: string }> {
  const [{ loadConfig }, { startService }] = await Promise.all([import('../config.js'), import('../service.js')]);
  const config = loadConfig();
  config.host = '127.0.0.1';
  config.port = 0;
  const log = pino({ name: 'embedded', level: config.logLevel ?? 'warn' }, pino.destination(2));
  const service = await startService(config, ['api', 'orchestrator', 'worker'], log);
  if (!service.url) {
    await service.stop();
    throw new Error('the embedded service started without its API');
  }
  process.stderr.write(`datagen: embedded service at ${service.url} (data in ${config.dataDir})\n`);
  return service as RunningService & { url: string };
}
