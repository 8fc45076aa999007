/** Builders of command events for given/when/then specs of the machine and the projections. */
import type { CommandEvent, CommandEventMap, CommandEventType } from '../../src/events/types.js';

export const UUID = '11111111-2222-4333-8444-555555555555';
let clock = Date.parse('2026-01-01T00:00:00Z');

export function ev<T extends CommandEventType>(type: T, data: CommandEventMap[T], uuid = UUID): CommandEvent<T> {
  clock += 10;
  return { type, data, meta: { commandUuid: uuid, eventId: `${type}-${clock}`, schemaVersion: 1, occurredAt: new Date(clock).toISOString() } } as CommandEvent<T>;
}

export const queued = (over: Partial<CommandEventMap['queued']> = {}, uuid = UUID) =>
  ev('queued', { service: 'json', rows: 10, batches: 3, threads: 2, seed: 42, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'anonymous', ...over }, uuid);
export const starting = () => ev('starting', {});
export const running = () => ev('running', {});
export const completed = (batch: number, rows = 10) => ev('batch-completed', { batch, rows, workerId: 'w/0', durationMs: 1 });
export const batchFailed = (batch: number, attempt: number, final: boolean) => ev('batch-failed', { batch, workerId: 'w/0', error: 'disk full', attempt, final });
export const finished = (rows = 30) => ev('finished', { rows });
export const failed = (reason: string) => ev('failed', { reason });
export const cancelRequested = () => ev('cancel-requested', { by: 'admin' });
export const cancelled = () => ev('cancelled', { reason: 'cancelled' });
/** A shard's completion, failure and progress, for sharded commands (queued with shardRows). */
export const shardCompleted = (batch: number, shard: number, shards: number, rows: number) => ev('batch-completed', { batch, shard, shards, rows, workerId: 'w/0', durationMs: 1 });
export const shardFailed = (batch: number, shard: number, shards: number, attempt: number, final: boolean) =>
  ev('batch-failed', { batch, shard, shards, workerId: 'w/0', error: 'disk full', attempt, final });
export const progress = (batch: number, rows: number, shard?: number) => ev('batch-progress', { batch, rows, workerId: 'w/0', ...(shard !== undefined ? { shard } : {}) });
