/**
 * The per-batch state of one command, each work unit (a batch, or one shard of a sharded batch: see
 * command-layout.ts) through the batch machine: what the orchestrator has in flight, which units failed and how often. It is derived from the command's events plus the orchestrator's
 * own dispatch decisions (which are not stored), so after a restart it is the fold of the events alone.
 * Pure and immutable; only batches that are neither pending nor completed are kept (about `threads` of them),
 * so a command of a million batches costs no more than one of ten.
 */
import type { SnapshotFrom } from 'xstate';
import { batchMachine, type BatchState } from '../../machines/batch.machine.js';
import { shardSuffix } from '../../machines/command.machine.js';
import { pureTransitions } from '../../machines/pure-transition.js';
import type { CommandEvent } from '../events/types.js';

export type BatchSnapshot = SnapshotFrom<typeof batchMachine>;

export interface BatchBook {
  /** Units dispatched, retrying or failed, by unit index. Absent: pending, or completed (the command records those). */
  readonly active: ReadonlyMap<number, BatchSnapshot>;
  /** Lowest unit index this orchestrator has not dispatched: units below it were sent or skipped. */
  readonly next: number;
  /** Set by a restart: the next dispatch replaces the work items a previous orchestrator may have queued. */
  readonly replaceQueued: boolean;
  /** The reason of the last final batch failure: the command fails with it. */
  readonly lastFailure?: string;
}

type BatchReport = CommandEvent<'batch-completed'> | CommandEvent<'batch-failed'>;

const batchTransitions = pureTransitions(batchMachine);
const [PENDING] = batchTransitions.initial(undefined);

export const EMPTY_BOOK: BatchBook = { active: new Map(), next: 0, replaceQueued: false };

export function batchStateOf(book: BatchBook, unit: number, completed: boolean): BatchState {
  if (completed) return 'completed';
  return (book.active.get(unit)?.value as BatchState | undefined) ?? 'pending';
}

/** Failed attempts recorded for a unit (0: none). */
export function failedAttemptsOf(book: BatchBook, unit: number): number {
  return book.active.get(unit)?.context.failedAttempts ?? 0;
}

/**
 * Units this orchestrator sent that have not completed (below `next`, every unit was sent or skipped): a
 * retried one stays in flight, the queue redelivers it; a failed one keeps its place until the command fails.
 */
export function inFlightCount(book: BatchBook): number {
  let n = 0;
  for (const unit of book.active.keys()) if (unit < book.next) n++;
  return n;
}

/**
 * Applies a worker's report (or the orchestrator's own, for a dead work item) about `unit` (undefined: a shard
 * outside the command's layout). A report about a unit that had already completed (a redelivery) leaves it
 * completed; a final failure is remembered whatever the unit.
 */
export function recordReport(book: BatchBook, event: BatchReport, unit: number | undefined, alreadyCompleted: boolean): BatchBook {
  const lastFailure = event.type === 'batch-failed' && event.data.final
    ? `batch ${event.data.batch} failed after ${event.data.attempt} attempts: ${event.data.error}${shardSuffix(event.data)}`
    : book.lastFailure;
  const withFailure = lastFailure === book.lastFailure ? book : { ...book, lastFailure };
  if (alreadyCompleted || unit === undefined) return withFailure;
  const [next] = batchTransitions.transition(snapshotOf(book, unit), event);
  return withBatch(withFailure, unit, next);
}

/** Marks a unit sent to the work queue, when its machine accepts it (pending or retrying); undefined otherwise. */
export function recordDispatch(book: BatchBook, unit: number): BatchBook | undefined {
  const current = snapshotOf(book, unit);
  const [next] = batchTransitions.transition(current, { type: 'dispatched' });
  return next === current ? undefined : withBatch(book, unit, next);
}

function snapshotOf(book: BatchBook, unit: number): BatchSnapshot {
  return book.active.get(unit) ?? PENDING;
}

function withBatch(book: BatchBook, unit: number, snapshot: BatchSnapshot): BatchBook {
  if (snapshot.value === 'completed' && !book.active.has(unit)) return book;
  const active = new Map(book.active);
  if (snapshot.value === 'completed') active.delete(unit);
  else active.set(unit, snapshot);
  return { ...book, active };
}
