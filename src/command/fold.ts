/**
 * A command's state is the fold of its events through the command machine (pure).
 * `applyEvent` rejects what the machine cannot accept (a duplicate `finished`, a batch after FAILED, ...)
 * and returns the intents the machine asked for, which only the orchestrator's live path executes.
 */
import type { SnapshotFrom } from 'xstate';
import { commandMachine, INTENTS, type CommandContext, type CommandStatus, type Intent } from '../../machines/command.machine.js';
import { pureTransitions, type ExecutableAction } from '../../machines/pure-transition.js';
import type { CommandEvent } from '../events/types.js';
import { shardsPerBatch } from './command-layout.js';

export type { Intent };
export type CommandSnapshot = SnapshotFrom<typeof commandMachine>;

export const commandTransitions = pureTransitions(commandMachine);

export type FoldResult =
  | { accepted: true; snapshot: CommandSnapshot; intents: Intent[] }
  | { accepted: false; snapshot: CommandSnapshot | undefined; reason: string };

export function applyEvent(snapshot: CommandSnapshot | undefined, event: CommandEvent): FoldResult {
  if (!snapshot) {
    if (event.type !== 'queued') return { accepted: false, snapshot, reason: `"${event.type}" before "queued"` };
    const [next, actions] = commandTransitions.initial({ event, shards: shardsPerBatch(event.data) });
    return { accepted: true, snapshot: next, intents: intentsOf(actions) };
  }
  const [next, actions] = event.type === 'queued' ? [snapshot, []] : commandTransitions.transition(snapshot, event);
  // XState returns the very same snapshot when no transition is enabled: that is a rejection.
  if (next === snapshot) return { accepted: false, snapshot, reason: `"${event.type}" is not possible in state ${String(snapshot.value)}` };
  return { accepted: true, snapshot: next, intents: intentsOf(actions) };
}

/** Folds a whole history, ignoring rejected events (they are duplicates or late reports). */
export function foldEvents(events: Iterable<CommandEvent>): CommandSnapshot | undefined {
  let snapshot: CommandSnapshot | undefined;
  for (const e of events) snapshot = applyEvent(snapshot, e).snapshot;
  return snapshot;
}

export function statusOf(snapshot: CommandSnapshot): CommandStatus {
  return snapshot.value as CommandStatus;
}

export function contextOf(snapshot: CommandSnapshot): CommandContext {
  return snapshot.context;
}

const INTENT_NAMES = new Set<string>(INTENTS);

function intentsOf(actions: readonly ExecutableAction[]): Intent[] {
  return actions.map((a) => a.type).filter((t): t is Intent => INTENT_NAMES.has(t));
}
