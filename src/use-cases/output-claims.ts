/**
 * Output ownership at submission: a command (or schedule) whose files another command that has not ended writes
 * (or deletes, with DELETE_PREVIOUS) is refused with a 409 naming that command. The check and the recording of
 * the new command run one at a time per output target in this process, so two concurrent submissions of the same
 * target cannot both pass it.
 */
import path from 'node:path';
import { ConflictError } from '../errors.js';
import { isTerminal } from '../command/decide.js';
import { contextOf, statusOf } from '../command/fold.js';
import type { ReadModel } from '../projection/read-model.js';
import { conflictingCommand, targetsConflict, targetsOf, type ClaimingCommand, type OutputTarget } from '../sinks/output-target.js';

/** One entry per target of each command that has not ended (a multipleconnectors command may have several). */
function running(readModel: ReadModel): ClaimingCommand[] {
  return readModel
    .all()
    .filter((s) => !isTerminal(statusOf(s)))
    .flatMap((s) => {
      const c = contextOf(s);
      const claimant = { commandUuid: c.commandUuid, ...(c.scheduleId ? { scheduleId: c.scheduleId } : {}) };
      const targets = targetsOf(c);
      return targets.length ? targets.map((target) => ({ ...claimant, target })) : [claimant];
    });
}

function describe(target: OutputTarget): string {
  return `${path.join(target.dir, target.base)}*.${target.ext}`;
}

export class OutputClaims {
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(private readonly readModel: ReadModel) {}

  /**
   * Runs `record` (append the command's first event, wait for the read model to apply it) unless one of `targets`
   * conflicts with a running command's or, for a new schedule (`scheduleId`), with another active schedule's.
   * A request waits for the earlier ones that claim any of its targets.
   */
  async claim<T>(targets: readonly OutputTarget[], scheduleId: string | undefined, record: () => Promise<T>): Promise<T> {
    if (targets.length === 0) return record();
    const keys = [...new Set(targets.map((t) => JSON.stringify([t.dir, t.base, t.ext])))];
    const previous = Promise.allSettled(keys.map((k) => this.locks.get(k)));
    const turn = previous.then(() => {
      for (const target of targets) this.assertFree(target, scheduleId);
      return record();
    });
    for (const k of keys) this.locks.set(k, turn);
    try {
      return await turn;
    } finally {
      for (const k of keys) if (this.locks.get(k) === turn) this.locks.delete(k);
    }
  }

  /** Throws (409) now if a command's targets conflict with a running command's: a dataset checks before it records anything. */
  check(targets: readonly OutputTarget[]): void {
    for (const target of targets) this.assertFree(target, undefined);
  }

  private assertFree(target: OutputTarget, scheduleId: string | undefined): void {
    const other = conflictingCommand(target, running(this.readModel), scheduleId);
    if (other) {
      throw new ConflictError(
        `command ${other.commandUuid} has not ended and writes ${describe(other.target!)}: this command would write or delete (DELETE_PREVIOUS) ` +
          'the same files; wait for it to end, cancel it, or give this command another Table_Names.LOCAL_FILE_NAME or LOCAL_FILE_PATH',
        { conflictingCommand: other.commandUuid, output: describe(target) },
      );
    }
    if (scheduleId === undefined) return;
    const schedule = this.readModel.allSchedules().find((s) => s.status === 'ACTIVE' && s.scheduleId !== scheduleId && targetsOf(s.request).some((t) => targetsConflict(target, t)));
    if (schedule) {
      throw new ConflictError(
        `schedule ${schedule.scheduleId} already writes ${describe(target)} (its executions' names are the same); remove it, or give this schedule another Table_Names.LOCAL_FILE_NAME or LOCAL_FILE_PATH`,
        { conflictingCommand: schedule.scheduleId, output: describe(target) },
      );
    }
  }
}
