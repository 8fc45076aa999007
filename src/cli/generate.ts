/**
 * `datagen generate`: uploads a model file (or names a stored model) and launches a generation, on a
 * running service (--server) or on an embedded one that lives as long as the command. With --wait (always
 * when embedded) it follows the command with a live progress bar and exits 0 on FINISHED, 1 otherwise.
 */
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import type { DatagenClient, GenerateRequest } from './client/api.js';
import { followCommand } from './client/follow.js';
import type { StatusView } from './client/types.js';
import { startEmbeddedService } from './embedded.js';
import { formatCount } from './format.js';
import { clientFor, nonNegativeInteger, positiveInteger, positiveNumber, printJson, withClientOptions, type ClientCommandOptions } from './options.js';
import { ProgressDisplay } from './progress.js';
import { EXIT_COMMAND_FAILED, EXIT_OK, EXIT_REQUEST_FAILED, runClient } from './run.js';
import { paintStatus } from './style.js';

interface GenerateOptions extends ClientCommandOptions {
  model: string;
  service?: string;
  connectors?: string;
  credentials?: string;
  after?: string;
  rows?: number;
  batches?: number;
  threads?: number;
  seed?: number;
  rowsPerSecond?: number;
  rampTo?: number;
  rampSeconds?: number;
  burst?: number;
  duration?: number;
  wait?: boolean;
}

export function registerGenerate(program: Command): void {
  const cmd = program
    .command('generate')
    .description('launch a generation; without --server an embedded service runs it (and --wait is implied)')
    .requiredOption('--model <file|name>', 'a model file to upload, or the name of a stored model / a file in the service\'s models directory')
    .option('--service <name>', 'sink: json, csv, avro, parquet, kafka, hbase, ... (default json; multipleconnectors with --connectors)')
    .option('--connectors <sinks>', 'several sinks getting the same rows, comma-separated (e.g. json,kafka): /datagen/multipleconnectors')
    .option('--credentials <names>', 'stored credentials the sinks sign in with, comma-separated (/credentials/addCredentials)')
    .option('--after <uuids>', 'commands this one waits for (comma-separated uuids): it starts once each FINISHED, fails if one does not')
    .option('--rows <n>', 'rows per batch (service default 20)', positiveInteger)
    .option('--batches <n>', 'number of batches (service default 20)', positiveInteger)
    .option('--threads <n>', 'batches in flight at once (service default 4)', positiveInteger)
    .option('--seed <n>', 'makes the rows reproducible', nonNegativeInteger)
    .option('--rows-per-second <n>', 'rate control: the whole deployment writes this many rows a second (without --batches or --duration: until cancelled)', positiveNumber)
    .option('--ramp-to <n>', 'with --rows-per-second and --ramp-seconds: the rate ramps to this one', positiveNumber)
    .option('--ramp-seconds <s>', 'the ramp\'s duration', positiveNumber)
    .option('--burst <n>', 'with --rows-per-second: rows that may go at once', positiveInteger)
    .option('--duration <s>', 'with --rows-per-second, instead of --batches: seconds to run', positiveNumber)
    .option('--wait', 'follow the command to its end with a progress bar; exit 0 on FINISHED, 1 on FAILED or CANCELLED');
  withClientOptions(cmd, false).action((opts: GenerateOptions) => runClient(() => generate(opts)));
}

async function generate(opts: GenerateOptions): Promise<number> {
  const request = await buildRequest(opts);
  if (opts.server) return launch(clientFor(opts), request, opts, { wait: Boolean(opts.wait) });
  const service = await startEmbeddedService();
  try {
    return await launch(clientFor({ ...opts, server: service.url }), request, opts, { wait: true, onInterrupt: () => service.stop() });
  } finally {
    await service.stop();
  }
}

/** An existing local file is uploaded; anything else names a model the service knows. */
async function buildRequest(opts: GenerateOptions): Promise<GenerateRequest> {
  const isFile = await stat(opts.model).then((s) => s.isFile(), () => false);
  return {
    service: opts.service ?? (opts.connectors ? 'multipleconnectors' : 'json'),
    ...(opts.connectors ? { connectors: opts.connectors } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.after ? { after: opts.after } : {}),
    rows: opts.rows,
    batches: opts.batches,
    threads: opts.threads,
    seed: opts.seed,
    rowsPerSecond: opts.rowsPerSecond,
    rampToRowsPerSecond: opts.rampTo,
    rampSeconds: opts.rampSeconds,
    burst: opts.burst,
    duration: opts.duration,
    ...(isFile ? { modelFile: opts.model } : { modelName: opts.model }),
  };
}

interface LaunchMode {
  wait: boolean;
  /** Runs on Ctrl-C while following, before exiting (stops an embedded service). */
  onInterrupt?: () => Promise<void>;
}

async function launch(client: DatagenClient, request: GenerateRequest, opts: GenerateOptions, { wait, onInterrupt }: LaunchMode): Promise<number> {
  const { commandUuid, error } = await client.generate(request);
  if (error || !commandUuid) {
    process.stderr.write(`datagen: the service refused the command: ${error || 'no command uuid in its answer'}\n`);
    return EXIT_REQUEST_FAILED;
  }
  if (!wait) {
    if (opts.json) printJson({ commandUuid });
    else process.stdout.write(`${commandUuid}\n`);
    return EXIT_OK;
  }
  if (!opts.json) process.stdout.write(`${commandUuid}\n`);
  const final = await follow(client, commandUuid, onInterrupt);
  if (opts.json) printJson(final);
  else printOutcome(final);
  return final.status === 'FINISHED' ? EXIT_OK : EXIT_COMMAND_FAILED;
}

async function follow(client: DatagenClient, uuid: string, onInterrupt?: () => Promise<void>): Promise<StatusView> {
  const display = new ProgressDisplay();
  const abort = new AbortController();
  let interrupted: Promise<never> | undefined;
  // Ctrl-C: stop following first (so nothing reports the service going away), then clean up and exit 130.
  const interrupt = async (): Promise<never> => {
    abort.abort();
    display.stop();
    if (onInterrupt) {
      process.stderr.write(`\ndatagen: interrupted; stopping the embedded service (command ${uuid} does not finish)\n`);
      await onInterrupt().catch(() => {});
    } else {
      process.stderr.write(`\ndatagen: stopped following; the command goes on (datagen status ${uuid})\n`);
    }
    process.exit(130);
  };
  const onSigint = () => {
    interrupted ??= interrupt();
  };
  process.once('SIGINT', onSigint);
  try {
    return await followCommand(client, uuid, { signal: abort.signal, onStatus: (s) => display.update(s) });
  } catch (err) {
    if (interrupted) return interrupted;
    throw err;
  } finally {
    display.stop();
    process.off('SIGINT', onSigint);
  }
}

function printOutcome(s: StatusView): void {
  const summary = `${formatCount(s.rowsWritten)} rows in ${s.batchesCompleted}/${s.batches} batches (${s.service}, model ${s.modelName}) in ${s.duration}`;
  process.stdout.write(`${paintStatus(s.status)} ${summary}\n`);
  if (s.status !== 'FINISHED') process.stderr.write(`datagen: command ${s.commandUuid} ${s.status}${s.comment ? `: ${s.comment}` : ''}\n`);
}
