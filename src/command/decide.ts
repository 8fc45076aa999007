/**
 * Every decision about a command, as pure functions of its folded state: the orchestrator, the worker and the
 * API only carry them out. Which intents follow an event is the command machine's answer (see evolve in
 * command-state.ts); what follows a restart, what to dispatch, and the rest are decided here.
 */
import { TERMINAL_STATUSES, type CommandStatus } from '../../machines/command.machine.js';
import type { BatchFailedData } from '../events/types.js';
import { failedAttemptsOf, inFlightCount, recordDispatch } from './batch-book.js';
import { unitAt, unitCompleted } from './command-layout.js';
import type { CommandState } from './command-state.js';
import { contextOf, statusOf, type CommandSnapshot, type Intent } from './fold.js';

export function isTerminal(status: CommandStatus): boolean {
  return (TERMINAL_STATUSES as readonly CommandStatus[]).includes(status);
}

export type CancelDecision = { accepted: true } | { accepted: false; status: CommandStatus; reason: string };

/** A command can be cancelled until it ends; asking twice is accepted (the second request changes nothing). */
export function decideCancel(state: CommandSnapshot): CancelDecision {
  const status = statusOf(state);
  if (!isTerminal(status)) return { accepted: true };
  return { accepted: false, status, reason: `command ${contextOf(state).commandUuid} is already ${status} and cannot be cancelled` };
}

export type WorkItemDecision = { run: true } | { run: false; reason: string };

/**
 * What a worker knows of a batch's command when it pulls the batch: whether a cancel or a failure was recorded.
 * Two lookups answer it, however long the command's history; `endingOf` reads the same facts from a fold.
 */
export interface CommandEnding {
  cancelRequested: boolean;
  failed: boolean;
}

export function endingOf(state: CommandSnapshot): CommandEnding {
  const status = statusOf(state);
  return { cancelRequested: contextOf(state).cancelRequested || status === 'CANCELLED', failed: status === 'FAILED' };
}

/**
 * Whether a worker runs a batch it pulled: not when its command was cancelled or failed since the batch was
 * queued. Unknown (the facts could not be read) runs it: the machine ignores its report if the command has ended.
 */
export function decideWorkItem(ending: CommandEnding | undefined): WorkItemDecision {
  if (ending && (ending.cancelRequested || ending.failed)) return { run: false, reason: 'command ended' };
  return { run: true };
}

/**
 * After a restart: where each unfinished command picks up. The intents run against the returned state, which
 * asks the first dispatch to replace the work items the previous orchestrator may have queued.
 */
export function decideResume(state: CommandState): { state: CommandState; intents: Intent[] } {
  const c = contextOf(state.command);
  const status = statusOf(state.command);
  if (isTerminal(status)) return { state, intents: [] };
  if (c.cancelRequested) return { state, intents: ['cancelCommand'] };
  if (status === 'QUEUED') return { state, intents: ['startCommand'] };
  if (status === 'STARTING') return { state, intents: ['prepareSink'] };
  // A batch's last attempt failed while no orchestrator was live: the command fails, its batch is not re-sent.
  if (state.batches.lastFailure) return { state, intents: ['failCommand'] };
  const resumed = { ...state, batches: { ...state.batches, replaceQueued: true } };
  return { state: resumed, intents: [!c.unbounded && c.completedCount === c.batches ? 'finishCommand' : 'dispatchBatches'] };
}

/** One batch (or one shard of it) to send to the work queue; a re-sent one continues its attempt count. */
export interface BatchOrder {
  batch: number;
  /** Set for a sharded command only. */
  shard?: number;
  priorAttempts?: number;
}

export interface DispatchDecision {
  state: CommandState;
  orders: BatchOrder[];
  /** Replace the queued items of these batches (after a restart) instead of enqueuing them. */
  replace: boolean;
}

/**
 * Keeps at most `threads` work units (batches, or shards of a sharded batch) of the command in flight: the
 * units to send now, in batch then shard order. After a restart nothing is known to be in flight, so the first
 * `threads` unfinished units are re-sent, replacing whatever the previous orchestrator queued (a unit may then
 * run twice; writes are idempotent).
 */
export function decideDispatch(state: CommandState): DispatchDecision {
  const c = contextOf(state.command);
  let book = state.batches;
  if (c.cancelRequested || statusOf(state.command) !== 'RUNNING') return { state, orders: [], replace: false };
  const orders: BatchOrder[] = [];
  let inFlight = inFlightCount(book);
  let next = book.next;
  // A command with no end (rate-controlled, until cancelled) keeps its window of `threads` units queued ahead.
  const units = c.unbounded ? Infinity : c.batches * c.shards;
  while (inFlight < c.threads && next < units) {
    const unit = next++;
    const { batch, shard } = unitAt(c, unit);
    if (unitCompleted(c, batch, shard)) continue;
    const dispatched = recordDispatch(book, unit);
    if (!dispatched) continue; // failed for good: the command is failing
    const prior = failedAttemptsOf(book, unit);
    orders.push({ batch, ...(shard !== undefined ? { shard } : {}), ...(prior > 0 ? { priorAttempts: prior } : {}) });
    book = dispatched;
    inFlight++;
  }
  return { state: { ...state, batches: { ...book, next, replaceQueued: false } }, orders, replace: state.batches.replaceQueued };
}

/** The reason a command fails with once a batch failed for good. */
export function failureReason(state: CommandState): string {
  return state.batches.lastFailure ?? 'a batch failed';
}

/**
 * A work item the queue gave up on (every delivery ended without a report) fails its batch for good, unless
 * the batch (or its shard, for an item of a sharded batch) completed meanwhile or the command is no longer
 * orchestrated here.
 */
export function decideDeadLetter(state: CommandState | undefined, batch: number, deliveries: number, shard?: number): BatchFailedData | undefined {
  if (!state) return undefined;
  const c = contextOf(state.command);
  if (unitCompleted(c, batch, shard)) return undefined;
  const error = `batch ${batch} was delivered ${deliveries} times without completing: the workers running it stopped or timed out`;
  return { batch, ...(shard !== undefined ? { shard, shards: c.shards } : {}), workerId: 'orchestrator', error, attempt: deliveries, final: true };
}

/** A command that ended without finishing has its partial output removed (best effort, once). */
export function removesPartialOutput(state: CommandState): boolean {
  const status = statusOf(state.command);
  return isTerminal(status) && status !== 'FINISHED';
}
