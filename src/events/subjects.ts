/** Subjects and message ids of the JetStream layout (docs/events.md documents them for subscribers). */
import type { CommandEventType } from './types.js';

export const EVENTS_STREAM = 'DATAGEN_EVENTS';
export const WORK_STREAM = 'DATAGEN_WORK';
export const WORK_CONSUMER = 'datagen-workers';

export const commandSubject = (uuid: string, type: CommandEventType) => `datagen.command.${uuid}.${type}`;
export const commandFilter = (uuid: string) => `datagen.command.${uuid}.>`;
export const ALL_COMMANDS = 'datagen.command.>';
/** Commands and schedules: everything on the events stream. */
export const ALL_EVENTS = 'datagen.>';
export const workSubject = (uuid: string, batch: number) => `datagen.work.${uuid}.${batch}`;

/**
 * Deterministic Nats-Msg-Id: the server drops a second append of the same fact inside the duplicate window.
 * Batch facts carry the batch; a batch failure also carries its attempt, since each attempt is a fact.
 */
export function eventMsgId(uuid: string, type: CommandEventType, data: unknown): string {
  const d = data as { batch?: number; attempt?: number };
  if (type === 'batch-completed') return `${uuid}:batch:${d.batch}:completed`;
  if (type === 'batch-failed') return `${uuid}:batch:${d.batch}:failed:${d.attempt}`;
  return `${uuid}:${type}`;
}

export const workMsgId = (uuid: string, batch: number) => `${uuid}:work:${batch}`;
