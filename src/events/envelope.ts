/** The envelope every event is stored in, { type, data, meta }, as every event log adapter writes it. */
import type { ScheduleEvent, ScheduleEventMap, ScheduleEventType } from './schedule-types.js';
import { SCHEMA_VERSION, type CommandEvent, type CommandEventMap, type CommandEventType } from './types.js';

/** What the writer adds to an event: its id, its time (epoch ms), who wrote it and why. */
export interface Stamp {
  eventId: string;
  at: number;
  actor?: string;
  causationId?: string;
}

export function commandEnvelope<T extends CommandEventType>(commandUuid: string, type: T, data: CommandEventMap[T], stamp: Stamp): CommandEvent {
  return {
    type,
    data,
    meta: {
      commandUuid,
      eventId: stamp.eventId,
      schemaVersion: SCHEMA_VERSION,
      occurredAt: new Date(stamp.at).toISOString(),
      ...(stamp.causationId ? { causationId: stamp.causationId } : {}),
      ...(stamp.actor ? { actor: stamp.actor } : {}),
    },
  } as CommandEvent;
}

/** Schedule events carry no causation id. */
export function scheduleEnvelope<T extends ScheduleEventType>(scheduleId: string, type: T, data: ScheduleEventMap[T], stamp: Stamp): ScheduleEvent {
  return {
    type,
    data,
    meta: { scheduleId, eventId: stamp.eventId, schemaVersion: SCHEMA_VERSION, occurredAt: new Date(stamp.at).toISOString(), ...(stamp.actor ? { actor: stamp.actor } : {}) },
  } as ScheduleEvent;
}
