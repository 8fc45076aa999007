/** `datagen history <uuid>`: a command's events in order, one readable line each, or JSON. */
import type { Command } from 'commander';
import type { HistoryEvent } from './client/types.js';
import { formatCount } from './format.js';
import { clientFor, printJson, withClientOptions, type ClientCommandOptions } from './options.js';
import { EXIT_OK, runClient } from './run.js';
import { paint } from './style.js';
import { formatTable } from './table.js';

export function registerHistory(program: Command): void {
  const cmd = program.command('history').description("show a command's events in order").argument('<uuid>', 'the command uuid');
  withClientOptions(cmd).action((uuid: string, opts: ClientCommandOptions) => runClient(() => history(uuid, opts)));
}

async function history(uuid: string, opts: ClientCommandOptions): Promise<number> {
  const h = await clientFor(opts).history(uuid);
  if (opts.json) {
    printJson(h);
    return EXIT_OK;
  }
  process.stdout.write(`command ${h.commandUuid}: ${h.events.length} events\n${historyTable(h.events)}\n`);
  return EXIT_OK;
}

export function historyTable(events: HistoryEvent[]): string {
  const start = events.length ? Date.parse(events[0].at) : 0;
  const rows = events.map((e) => [
    `#${e.seq}`,
    e.at.replace('T', ' ').replace('Z', ''),
    `+${((Date.parse(e.at) - start) / 1000).toFixed(3)}s`,
    paint(e.type.endsWith('failed') ? 'red' : e.type === 'finished' ? 'green' : 'bold', e.type),
    e.actor ?? '',
    summarise(e),
  ]);
  return formatTable(['SEQ', 'AT', 'ELAPSED', 'EVENT', 'BY', 'DETAILS'], rows, [0, 2]);
}

type Summariser = (d: Record<string, any>) => string;

const SUMMARIES: Record<string, Summariser> = {
  queued: (d) => `${d.service}${d.connectors ? ` (${d.connectors.join(', ')})` : ''}: ${d.batches} × ${formatCount(d.rows)} rows, ${d.threads} threads, seed ${d.seed}, model ${d.model?.name ?? '?'}`,
  'batch-completed': (d) => `${unit(d)}: ${formatCount(d.rows)} rows in ${d.durationMs}ms${whereTo(d)}`,
  'batch-failed': (d) => `${unit(d)} attempt ${d.attempt}${d.final ? ' (final)' : ''}: ${d.error}`,
  'batch-progress': (d) => `${unit(d)}: ${formatCount(d.rows)} rows so far`,
  failed: (d) => String(d.reason),
  cancelled: (d) => String(d.reason),
  finished: (d) => `${formatCount(d.rows)} rows in all`,
};

/** Where a completed batch went: its location, or each sink's of a multipleconnectors command. */
function whereTo(d: Record<string, any>): string {
  if (Array.isArray(d.sinks)) return ` → ${d.sinks.map((s: Record<string, any>) => (s.location ? `${s.service} ${s.location}` : s.service)).join(', ')}`;
  return d.location ? ` → ${d.location}` : '';
}

/** "batch 3", or "batch 3 shard 1" for a report about one shard (shards count from 0, as in the event). */
function unit(d: Record<string, any>): string {
  return d.shard === undefined ? `batch ${d.batch}` : `batch ${d.batch} shard ${d.shard}`;
}

function summarise(e: HistoryEvent): string {
  const fn = SUMMARIES[e.type];
  return fn ? fn(e.data) : compact(e.data);
}

function compact(data: Record<string, unknown>): string {
  const text = JSON.stringify(data ?? {});
  return text === '{}' ? '' : text;
}
