/**
 * The per-batch state of one command, each batch through the batch machine: what the orchestrator has in
 * flight, which batches failed and how often. It is derived from the command's events plus the orchestrator's
 * own dispatch decisions (which are not stored), so after a restart it is the fold of the events alone.
 * Pure and immutable; only batches that are neither pending nor completed are kept (about `threads` of them),
 * so a command of a million batches costs no more than one of ten.
 */
import type { SnapshotFrom } from 'xstate';
import { batchMachine, type BatchState } from '../../machines/batch.machine.js';
import { pureTransitions } from '../../machines/pure-transition.js';
import type { CommandEvent } from '../events/types.js';

export type BatchSnapshot = SnapshotFrom<typeof batchMachine>;

export interface BatchBook {
  /** Batches dispatched, retrying or failed, by index. Absent: pending, or completed (the command records those). */
  readonly active: ReadonlyMap<number, BatchSnapshot>;
  /** Lowest batch index this orchestrator has not dispatched: batches below it were sent or skipped. */
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

export function batchStateOf(book: BatchBook, batch: number, completed: boolean): BatchState {
  if (completed) return 'completed';
  return (book.active.get(batch)?.value as BatchState | undefined) ?? 'pending';
}

/** Failed attempts recorded for a batch (0: none). */
export function failedAttemptsOf(book: BatchBook, batch: number): number {
  return book.active.get(batch)?.context.failedAttempts ?? 0;
}

/**
 * Batches this orchestrator sent that have not completed (below `next`, every batch was sent or skipped): a
 * retried one stays in flight, the queue redelivers it; a failed one keeps its place until the command fails.
 */
export function inFlightCount(book: BatchBook): number {
  let n = 0;
  for (const batch of book.active.keys()) if (batch < book.next) n++;
  return n;
}

/**
 * Applies a worker's report (or the orchestrator's own, for a dead work item). A report about a batch that had
 * already completed (a redelivery) leaves it completed; a final failure is remembered whatever the batch.
 */
export function recordReport(book: BatchBook, event: BatchReport, alreadyCompleted: boolean): BatchBook {
  const lastFailure = event.type === 'batch-failed' && event.data.final
    ? `batch ${event.data.batch} failed after ${event.data.attempt} attempts: ${event.data.error}`
    : book.lastFailure;
  const withFailure = lastFailure === book.lastFailure ? book : { ...book, lastFailure };
  if (alreadyCompleted) return withFailure;
  const batch = event.data.batch;
  const [next] = batchTransitions.transition(snapshotOf(book, batch), event);
  return withBatch(withFailure, batch, next);
}

/** Marks a batch sent to the work queue, when its machine accepts it (pending or retrying); undefined otherwise. */
export function recordDispatch(book: BatchBook, batch: number): BatchBook | undefined {
  const current = snapshotOf(book, batch);
  const [next] = batchTransitions.transition(current, { type: 'dispatched' });
  return next === current ? undefined : withBatch(book, batch, next);
}

function snapshotOf(book: BatchBook, batch: number): BatchSnapshot {
  return book.active.get(batch) ?? PENDING;
}

function withBatch(book: BatchBook, batch: number, snapshot: BatchSnapshot): BatchBook {
  if (snapshot.value === 'completed' && !book.active.has(batch)) return book;
  const active = new Map(book.active);
  if (snapshot.value === 'completed') active.delete(batch);
  else active.set(batch, snapshot);
  return { ...book, active };
}
