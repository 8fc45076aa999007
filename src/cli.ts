/** The `datagen` command line: serve (all roles), worker (generator actors only), watch (lifecycle events). */
import { Command, InvalidArgumentError } from 'commander';
import { loadConfig } from './config.js';
import { startService, type RunningService } from './service.js';
import { watchEvents, type WatchOptions } from './cli/watch.js';
import { withClientOptions } from './cli/options.js';
import { replayCommand } from './cli/replay.js';
import { registerClientCommands } from './cli/client-commands.js';

const program = new Command('datagen').description('Synthetic data generation service (Datagen-compatible REST API on NATS JetStream)');

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

/** Runs until SIGINT/SIGTERM, then stops gracefully and exits 0. */
async function runUntilSignal(start: () => Promise<RunningService>): Promise<void> {
  let service: RunningService;
  try {
    service = await start();
  } catch (err) {
    console.error(`datagen: ${(err as Error).message}`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 30_000);
    force.unref();
    await service.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

program
  .command('serve', { isDefault: true })
  .description('run every role in one process: REST API, projector, orchestrator and generator actors')
  .option('--port <port>', 'listen port (DATAGEN_PORT)', (v) => Number(v))
  .option('--host <host>', 'listen address (DATAGEN_HOST)')
  .option('--slots <n>', 'generator actors in this process (DATAGEN_WORKER_SLOTS, default: one per core; 0: none)', (v) => Number(v))
  .action((opts: { port?: number; host?: string; slots?: number }) =>
    runUntilSignal(() => {
      const config = loadConfig();
      if (opts.port !== undefined) config.port = opts.port;
      if (opts.host) config.host = opts.host;
      if (opts.slots !== undefined) config.workerSlots = opts.slots;
      return startService(config, ['api', 'orchestrator', 'worker']);
    }),
  );

program
  .command('worker')
  .description('run generator actors only, joining a deployment through NATS_URL')
  .option('--slots <n>', 'generator actors in this process (DATAGEN_WORKER_SLOTS, default: one per core)', positive)
  .action((opts: { slots?: number }) =>
    runUntilSignal(() => {
      const config = loadConfig();
      if (!config.natsUrl) throw new Error('datagen worker joins an existing deployment: set NATS_URL (e.g. nats://127.0.0.1:4222)');
      if (opts.slots) config.workerSlots = opts.slots;
      return startService(config, ['worker']);
    }),
  );

withClientOptions(
  program
    .command('watch')
    .description('print command events as they happen, one JSON line each: from a service (--server) or from NATS (NATS_URL)')
    .option('--command <uuid>', 'only this command (from a service: its past events too, until it ends)')
    .option('--from-start', 'with NATS_URL: replay past events first'),
  false,
).action((opts: WatchOptions) => watchEvents(opts));

program
  .command('replay')
  .description('rebuild the read model from the events stream (NATS_URL) and print it: counts, or one command')
  .option('--as-of <seq>', 'stop at this stream sequence (the state as it was then)', positive)
  .option('--command <uuid>', 'print this command as of that sequence')
  .action((opts: { asOf?: number; command?: string }) => replayCommand(opts));

registerClientCommands(program);

await program.parseAsync(process.argv);
