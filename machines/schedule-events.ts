/** Schedule events (datagen.schedule.<id>.<type>): recurring generations, event-sourced like commands. */
import type { ModelRef, OutputTarget, RateSpec } from './command-events.js';

/** What every execution of a schedule runs. */
export interface ScheduleRequest {
  service: string;
  /** The sinks of a multipleconnectors schedule (as in QueuedData). */
  connectors?: string[];
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
  /** The files of each local-file sink of a multipleconnectors schedule (execution "every"). */
  outputs?: OutputTarget[];
  /** Rows per shard at the schedule's creation, recorded in every execution (absent in older schedules: none). */
  shardRows?: number;
  /** A rate-controlled schedule's pace, recorded in every execution (its executions always end). */
  rate?: RateSpec;
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
