/**
 * What the orchestrator knows about a command: the command machine's snapshot and the per-batch book, both
 * pure folds of the command's events (the book also holds the orchestrator's dispatch decisions).
 */
import type { CommandEvent } from '../events/types.js';
import { EMPTY_BOOK, recordReport, type BatchBook } from './batch-book.js';
import { isShardOf, unitCompleted, unitIndex } from './command-layout.js';
import { applyEvent, contextOf, type CommandSnapshot, type Intent } from './fold.js';

export interface CommandState {
  readonly command: CommandSnapshot;
  readonly batches: BatchBook;
}

export type Evolution =
  | { accepted: true; state: CommandState; intents: Intent[] }
  | { accepted: false; state: CommandState | undefined; reason: string };

/** Applies one event; what the command machine rejects (a duplicate, a late report) changes nothing. */
export function evolve(state: CommandState | undefined, event: CommandEvent): Evolution {
  const result = applyEvent(state?.command, event);
  if (!result.accepted) return { accepted: false, state, reason: result.reason };
  const before = state ?? { command: result.snapshot, batches: EMPTY_BOOK };
  let batches = before.batches;
  if (event.type === 'batch-completed' || event.type === 'batch-failed') {
    const c = contextOf(before.command);
    const { batch, shard } = event.data;
    const unit = isShardOf(c, shard) ? unitIndex(c, batch, shard) : undefined;
    batches = recordReport(before.batches, event, unit, unitCompleted(c, batch, shard));
  }
  return { accepted: true, state: { command: result.snapshot, batches }, intents: result.intents };
}

/** The state a history leaves, as a restarted orchestrator sees it (no dispatch known). */
export function foldCommandState(events: Iterable<CommandEvent>): CommandState | undefined {
  let state: CommandState | undefined;
  for (const e of events) state = evolve(state, e).state;
  return state;
}
