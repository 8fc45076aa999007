/** `datagen status <uuid>`: everything about one command, as aligned lines or JSON. */
import type { Command } from 'commander';
import type { CommandDetails } from './client/types.js';
import { formatCount, formatTime, textBar } from './format.js';
import { clientFor, printJson, withClientOptions, type ClientCommandOptions } from './options.js';
import { EXIT_OK, runClient } from './run.js';
import { paintStatus } from './style.js';

export function registerStatus(program: Command): void {
  const cmd = program.command('status').description('show one command: status, progress, rows, timing').argument('<uuid>', 'the command uuid');
  withClientOptions(cmd).action((uuid: string, opts: ClientCommandOptions) => runClient(() => status(uuid, opts)));
}

async function status(uuid: string, opts: ClientCommandOptions): Promise<number> {
  const d = await clientFor(opts).details(uuid);
  if (opts.json) printJson(d);
  else process.stdout.write(`${describeCommand(d)}\n`);
  return EXIT_OK;
}

/** A multipleconnectors command's sinks and the rows each has (servers older than connectors send none). */
function sinkLines(d: CommandDetails): Array<[string, string]> {
  const connectors = d.connectors ?? [];
  if (connectors.length === 0 || (connectors.length === 1 && connectors[0] === d.service)) return [];
  return [['sinks', connectors.map((s) => `${s} ${formatCount(d.rowsBySink?.[s] ?? 0)} rows`).join(', ')]];
}

/** A model with faults: how many of each kind its completed batches hold (docs/dirty-data.md). */
function faultLines(d: CommandDetails): Array<[string, string]> {
  const kinds = Object.entries(d.faults ?? {}).filter(([, n]) => n > 0);
  return kinds.length ? [['faults', kinds.map(([k, n]) => `${k} ${formatCount(n)}`).join(', ')]] : [];
}

export function describeCommand(d: CommandDetails): string {
  const lines: Array<[string, string]> = [
    ['command', d.commandUuid],
    ['status', paintStatus(d.status)],
    ['progress', `${textBar(d.progress)} ${d.progress}%  ${d.batchesCompleted}/${d.batches} batches`],
    ['rows', `${formatCount(d.rowsWritten)} of ${formatCount(d.rowsRequested)} (${formatCount(d.rows)} per batch)`],
    ['model', d.modelName],
    ['service', d.service],
    ...sinkLines(d),
    ...faultLines(d),
    ['threads', String(d.threads)],
    ['seed', String(d.seed)],
    ['owner', d.owner],
    ['queued', formatTime(d.queuedAt)],
    ['started', formatTime(d.startedAt)],
    ['finished', formatTime(d.finishedAt)],
    ['duration', d.duration],
  ];
  if (d.comment) lines.push(['comment', d.comment]);
  return lines.map(([k, v]) => `${k.padEnd(9)} ${v}`).join('\n');
}
