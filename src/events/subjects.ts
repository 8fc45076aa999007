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
/** One subject per work item: a batch, or one shard of a sharded batch (`shard` undefined: the whole batch). */
export const workSubject = (uuid: string, batch: number, shard?: number) => `datagen.work.${uuid}.${batch}${shard === undefined ? '' : `.${shard}`}`;

/** The batch and shard a work subject names. */
export function workOfSubject(subject: string): { commandUuid: string; batch: number; shard?: number } {
  const [, , commandUuid, batch, shard] = subject.split('.');
  return { commandUuid, batch: Number(batch), ...(shard !== undefined ? { shard: Number(shard) } : {}) };
}

/**
 * Deterministic Nats-Msg-Id: the server drops a second append of the same fact inside the duplicate window.
 * Batch facts carry the batch (and the shard, for a report about one shard); a batch failure also carries its
 * attempt, since each attempt is a fact; progress carries its rows.
 */
export function eventMsgId(uuid: string, type: CommandEventType, data: unknown): string {
  const d = data as { batch?: number; shard?: number; attempt?: number; rows?: number };
  const unit = `${uuid}:batch:${d.batch}${d.shard === undefined ? '' : `:shard:${d.shard}`}`;
  if (type === 'batch-completed') return `${unit}:completed`;
  if (type === 'batch-failed') return `${unit}:failed:${d.attempt}`;
  if (type === 'batch-progress') return `${unit}:progress:${d.rows}`;
  return `${uuid}:${type}`;
}

export const workMsgId = (uuid: string, batch: number, shard?: number) => `${uuid}:work:${batch}${shard === undefined ? '' : `:${shard}`}`;
