/** Removes a schedule: no execution starts after `schedule-removed`; removing it again changes nothing. */
import type { Logger } from 'pino';
import { NotFoundError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import type { EventLog } from '../ports/event-log.js';
import type { ReadModel } from '../projection/read-model.js';
import type { ScheduleState } from '../schedule/schedule-state.js';
import { assertCanRecord } from './can-record.js';

export interface RemoveScheduleDeps {
  events: EventLog;
  readModel: ReadModel;
  health: HealthProbe;
  log: Logger;
}

/** The schedule's state once the read model has applied the removal. */
export async function removeSchedule(deps: RemoveScheduleDeps, scheduleId: string, by: string): Promise<ScheduleState> {
  assertCanRecord(deps.health);
  const schedule = deps.readModel.schedule(scheduleId);
  if (!schedule) throw new NotFoundError(`schedule ${scheduleId} not found`, { commandUuid: scheduleId });
  if (schedule.status !== 'REMOVED') {
    const { seq } = await deps.events.appendSchedule(scheduleId, 'schedule-removed', { by }, { actor: 'api' });
    await deps.readModel.waitFor(seq);
    deps.log.info({ scheduleId, by }, 'schedule removed');
  }
  return deps.readModel.schedule(scheduleId)!;
}
