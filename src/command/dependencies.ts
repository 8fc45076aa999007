/**
 * Dependent commands (`after`): a command waits in QUEUED until every command it waits for is FINISHED, and
 * fails if one of them ends otherwise (pure). Parents then exist before their children on streaming sinks
 * (ShadowTraffic's rule: refer only to keys already written).
 */
import type { CommandStatus } from '../../machines/command.machine.js';
import { isTerminal } from './decide.js';

/** Commands one command may wait for: a dataset's parents and what the request names. */
export const MAX_AFTER = 16;

/** A dependency's status; undefined: no such command in the log. */
export type DependencyStatus = (uuid: string) => CommandStatus | undefined;

export type StartDecision =
  | { kind: 'start' }
  | { kind: 'wait'; waitingFor: string[] }
  | { kind: 'fail'; reason: string };

/** The commands it still waits for: those not FINISHED. */
export function waitingFor(after: readonly string[] | undefined, status: DependencyStatus): string[] {
  return (after ?? []).filter((uuid) => status(uuid) !== 'FINISHED');
}

/** Whether a QUEUED command starts now, keeps waiting, or fails because a command it waits for did not finish. */
export function decideStart(after: readonly string[] | undefined, status: DependencyStatus): StartDecision {
  for (const uuid of after ?? []) {
    const s = status(uuid);
    if (s === undefined) return { kind: 'fail', reason: `command ${uuid} it waits for does not exist` };
    if (isTerminal(s) && s !== 'FINISHED') return { kind: 'fail', reason: `command ${uuid} it waits for ended ${s}` };
  }
  const pending = waitingFor(after, status);
  return pending.length ? { kind: 'wait', waitingFor: pending } : { kind: 'start' };
}
