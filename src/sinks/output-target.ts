/**
 * Output ownership: which file names a command writes (recorded in its `queued` event) and the pure rule that
 * says when two commands would write, or delete, the same files. The API refuses a command (409) whose target
 * conflicts with that of a command that is not over yet.
 */
import type { OutputTarget } from '../../machines/command-events.js';

/** Defined with the `queued` event that records it. */
export type { OutputTarget };

/** Every target a command or schedule records: `outputs` (several sinks), else `output`, else none. */
export function targetsOf(recorded: { output?: OutputTarget; outputs?: OutputTarget[] }): OutputTarget[] {
  return recorded.outputs ?? (recorded.output ? [recorded.output] : []);
}

/** A command that has not ended, with its target (commands recorded before targets were, or of other sinks, have none). */
export interface ClaimingCommand {
  commandUuid: string;
  target?: OutputTarget;
  /** Set for a schedule's executions: a schedule never conflicts with its own executions. */
  scheduleId?: string;
}

function sameExecutionNames(a: OutputTarget['execution'], b: OutputTarget['execution']): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a === 'every' || b === 'every' || a === b;
}

/** Whether two targets share a file name, or one deletes a name the other writes. */
export function targetsConflict(a: OutputTarget, b: OutputTarget): boolean {
  if (a.dir !== b.dir || a.ext !== b.ext || a.base !== b.base) return false;
  return a.deletesPrevious || b.deletesPrevious || sameExecutionNames(a.execution, b.execution);
}

/** The first running command whose target conflicts with `target`, if any (a schedule's own executions excepted). */
export function conflictingCommand(target: OutputTarget | undefined, running: Iterable<ClaimingCommand>, ownScheduleId?: string): ClaimingCommand | undefined {
  if (!target) return undefined;
  for (const c of running) {
    if (!c.target) continue;
    if (ownScheduleId !== undefined && c.scheduleId === ownScheduleId) continue;
    if (targetsConflict(target, c.target)) return c;
  }
  return undefined;
}
