/** Schedule events (datagen.schedule.<id>.<type>): recurring generations, event-sourced like commands. */
import type { OutputTarget } from '../sinks/output-target.js';
import type { ModelRef } from './types.js';

/** What every execution of a schedule runs. */
export interface ScheduleRequest {
  service: string;
  rows: number;
  batches: number;
  threads: number;
  /** Given by the user: every execution uses it. Unset: each execution draws its own, derived from the schedule. */
  seed?: number;
  model: ModelRef;
  properties: Record<string, string>;
  owner: string;
  /** The files its executions write (execution "every"); each execution's queued event names its own number. */
  output?: OutputTarget;
}

export type ScheduleEventMap = {
  'schedule-created': { request: ScheduleRequest; delaySeconds: number };
  'execution-started': { n: number; commandUuid: string };
  'schedule-paused': { reason: string; commandUuid: string };
  'schedule-removed': { by: string };
};

export type ScheduleEventType = keyof ScheduleEventMap;

export interface ScheduleMeta {
  scheduleId: string;
  eventId: string;
  schemaVersion: number;
  occurredAt: string;
  actor?: string;
}

export type ScheduleEvent<T extends ScheduleEventType = ScheduleEventType> = {
  [K in T]: { type: K; data: ScheduleEventMap[K]; meta: ScheduleMeta };
}[T];

export type StoredScheduleEvent = ScheduleEvent & { seq: number };

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
