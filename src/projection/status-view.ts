/** The status views the REST API answers, derived from a command's folded state (pure). */
import { RATE_WINDOW_MS, type CommandContext, type CommandStatus } from '../../machines/command.machine.js';
import { rateAt } from '../command/rate-schedule.js';
import { contextOf, statusOf, type CommandSnapshot } from '../command/fold.js';
import { redactUrlUserInfo } from '../secrets.js';
import { redactDeep } from '../secrets/redact-deep.js';

/** /command/getCommandStatus: the seed's shape plus extra fields. */
export interface StatusView {
  commandUuid: string;
  status: CommandStatus;
  comment: string;
  /** Percentage as text with one decimal, e.g. "100.0". */
  progress: string;
  /** Elapsed time as text, e.g. "3ms", "2.4s". */
  duration: string;
  durationMs: number;
  service: string;
  modelName: string;
  rows: number;
  batches: number;
  threads: number;
  batchesCompleted: number;
  rowsWritten: number;
  rowsRequested: number;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** A rate-controlled command only: the rate its schedule asks for now (rows/s). */
  targetRowsPerSecond?: number;
  /** A rate-controlled command only: rows/s over its last reports (about RATE_WINDOW_MS); null before two. */
  actualRowsPerSecond?: number | null;
  /** A rate-controlled command with no end: it runs until cancelled (its progress stays 0). */
  unbounded?: true;
  /** A QUEUED command with `after`: the commands it waits for that have not FINISHED yet. */
  waitingFor?: string[];
}

/**
 * /command/get: every recorded fact about the command except secrets (none are recorded; what an older version
 * recorded under a name the rule now knows is redacted here).
 */
export interface CommandDetails extends StatusView {
  seed: number;
  owner: string;
  modelHash: string;
  properties: Record<string, string>;
  scheduleId: string | null;
  failedAttempts: number;
  /** The sinks written to: a multipleconnectors command's connectors, else the one service. */
  connectors: string[];
  /** Rows committed so far by each sink (every sink gets the same rows). */
  rowsBySink: Record<string, number>;
  /** A model with faults (src/model/faults/): how many of each kind completed batches hold. */
  faults?: Record<string, number>;
  /** A model with LLM fields: calls made and tokens used by completed batches (recorded answers cost none). */
  llm?: { calls: number; tokens: number };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${Math.round((ms % 60_000) / 1000)}s`;
}

export function durationMs(snapshot: CommandSnapshot, now: number): number {
  const c = contextOf(snapshot);
  if (!c.startedAt) return 0;
  const end = c.finishedAt ? Date.parse(c.finishedAt) : now;
  return Math.max(0, end - Date.parse(c.startedAt));
}

/**
 * Rows of batches not completed yet: their completed shards' and what running attempts reported. A shard's
 * completion replaces its progress, so nothing is counted twice; progress only grows (the machine's rule).
 */
function openBatchRows(c: CommandContext): { completedShards: number; inProgress: number } {
  let completedShards = 0;
  let inProgress = 0;
  for (const shards of Object.values(c.shardsCompleted ?? {})) for (const rows of Object.values(shards)) completedShards += rows;
  for (const rows of Object.values(c.inProgress ?? {})) inProgress += rows;
  return { completedShards, inProgress };
}

export function statusView(snapshot: CommandSnapshot, now = Date.now()): StatusView {
  const c = contextOf(snapshot);
  const status = statusOf(snapshot);
  const ms = durationMs(snapshot, now);
  const open = openBatchRows(c);
  // Batches done, plus the done fraction of the others; a batch's rows are `rows` (a fraction beyond it is capped).
  const openFraction = c.rows > 0 ? Math.min(c.batches - c.completedCount, (open.completedShards + open.inProgress) / c.rows) : 0;
  const progress = status === 'FINISHED' ? 100 : c.batches > 0 ? Math.min(100, (100 * (c.completedCount + openFraction)) / c.batches) : 0;
  return {
    commandUuid: c.commandUuid,
    status,
    comment: redactUrlUserInfo(c.comment),
    progress: progress.toFixed(1),
    duration: formatDuration(ms),
    durationMs: ms,
    service: c.service,
    modelName: c.model.name,
    rows: c.rows,
    batches: c.batches,
    threads: c.threads,
    batchesCompleted: c.completedCount,
    rowsWritten: c.rowsWritten + open.inProgress,
    rowsRequested: c.rows * c.batches,
    queuedAt: c.queuedAt,
    startedAt: c.startedAt ?? null,
    finishedAt: c.finishedAt ?? null,
    ...rateFields(c, status, now),
  };
}

/** Target and actual rate of a rate-controlled command; nothing for any other, whose view stays as it was. */
function rateFields(c: CommandContext, status: CommandStatus, now: number): Pick<StatusView, 'targetRowsPerSecond' | 'actualRowsPerSecond' | 'unbounded'> {
  if (!c.rate) return {};
  const origin = c.runningAt ? Date.parse(c.runningAt) : undefined;
  const end = c.finishedAt ? Date.parse(c.finishedAt) : now;
  const target = origin === undefined ? c.rate.rowsPerSecond : rateAt(c.rate, end - origin);
  return { targetRowsPerSecond: round(target), actualRowsPerSecond: actualRate(c.rateSamples ?? [], status === 'RUNNING' ? now : undefined), ...(c.unbounded ? { unbounded: true } : {}) };
}

/** The slope of the samples; a running command silent for a whole window is at 0. */
function actualRate(samples: ReadonlyArray<[number, number]>, now: number | undefined): number | null {
  if (samples.length < 2) return null;
  const [t0, r0] = samples[0]!;
  const [t1, r1] = samples[samples.length - 1]!;
  if (now !== undefined && now - t1 > RATE_WINDOW_MS) return 0;
  return t1 > t0 ? round(((r1 - r0) * 1000) / (t1 - t0)) : null;
}

const round = (n: number) => Math.round(n * 10) / 10;

export function commandDetails(snapshot: CommandSnapshot, now = Date.now()): CommandDetails {
  const c = contextOf(snapshot);
  return {
    ...statusView(snapshot, now),
    seed: c.seed,
    owner: c.owner,
    modelHash: c.model.hash,
    properties: redactDeep(c.properties),
    scheduleId: c.scheduleId ?? null,
    failedAttempts: c.failedAttempts,
    connectors: c.connectors ?? [c.service],
    rowsBySink: c.connectors ? Object.fromEntries(c.connectors.map((s) => [s, c.rowsBySink?.[s] ?? 0])) : { [c.service]: c.rowsWritten },
    ...(c.faults ? { faults: { ...c.faults } } : {}),
    ...(c.llm ? { llm: { calls: c.llm.calls, tokens: c.llm.tokens } } : {}),
  };
}
