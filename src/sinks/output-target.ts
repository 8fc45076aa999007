/**
 * Output ownership: which file names a command writes (recorded in its `queued` event) and the pure rule that
 * says when two commands would write, or delete, the same files. The API refuses a command (409) whose target
 * conflicts with that of a command that is not over yet.
 */

/** The files a file-sink command writes: every name is `<base>[-execution-<n>][-<batch>].<ext>` in `dir`. */
export interface OutputTarget {
  /** The directory, resolved through symbolic links as far as it exists. */
  dir: string;
  /** LOCAL_FILE_NAME or the model name: the family DELETE_PREVIOUS clears. */
  base: string;
  ext: string;
  /**
   * Which schedule execution's names: a number for one execution, "every" for a schedule as a whole (all its
   * executions), absent for a plain command.
   */
  execution?: number | 'every';
  /** DELETE_PREVIOUS: prepare deletes every name of the family. */
  deletesPrevious: boolean;
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
