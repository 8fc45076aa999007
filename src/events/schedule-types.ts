/**
 * Schedule events (datagen.schedule.<id>.<type>): their subjects and message ids. The event shapes are defined
 * in machines/schedule-events.ts, beside the schedule machine, and re-exported here.
 */
import type { ScheduleEventType, StoredScheduleEvent } from '../../machines/schedule-events.js';

export type * from '../../machines/schedule-events.js';

export const scheduleSubject = (id: string, type: ScheduleEventType) => `datagen.schedule.${id}.${type}`;
export const scheduleFilter = (id: string) => `datagen.schedule.${id}.>`;

export function scheduleMsgId(id: string, type: ScheduleEventType, data: unknown): string {
  const d = data as { n?: number; commandUuid?: string };
  if (type === 'execution-started') return `${id}:execution:${d.n}`;
  if (type === 'schedule-paused') return `${id}:paused:${d.commandUuid}`;
  return `${id}:${type}`;
}

export function isScheduleEvent(e: { meta: object }): e is StoredScheduleEvent {
  return 'scheduleId' in e.meta;
}
