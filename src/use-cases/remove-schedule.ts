/**
 * Removes a schedule: no execution starts after `schedule-removed`; removing it again changes nothing.
 * Only its owner (the submitter recorded in `schedule-created`) or an admin may (stopped-by-owner.ts).
 */
import type { Logger } from 'pino';
import { NotFoundError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import type { EventLog } from '../ports/event-log.js';
import type { ReadModel } from '../projection/read-model.js';
import type { ScheduleState } from '../schedule/schedule-state.js';
import type { Caller } from '../users/user-directory.js';
import { assertCanRecord } from './can-record.js';
import { assertMayStop } from './stopped-by-owner.js';

export interface RemoveScheduleDeps {
  events: EventLog;
  readModel: ReadModel;
  health: HealthProbe;
  log: Logger;
}

/** The schedule's state once the read model has applied the removal. */
export async function removeSchedule(deps: RemoveScheduleDeps, scheduleId: string, caller: Caller): Promise<ScheduleState> {
  assertCanRecord(deps.health);
  const schedule = deps.readModel.schedule(scheduleId);
  if (!schedule) throw new NotFoundError(`schedule ${scheduleId} not found`, { commandUuid: scheduleId });
  assertMayStop(caller, schedule.request.owner, `schedule ${scheduleId}`);
  const by = caller.name;
  if (schedule.status !== 'REMOVED') {
    const { seq } = await deps.events.appendSchedule(scheduleId, 'schedule-removed', { by }, { actor: 'api' });
    await deps.readModel.waitFor(seq);
    deps.log.info({ scheduleId, by }, 'schedule removed');
  }
  return deps.readModel.schedule(scheduleId)!;
}
