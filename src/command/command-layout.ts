/**
 * A command's shard layout, from what its `queued` event recorded (src/command/shards.ts computes it): the
 * orchestrator dispatches and counts work units, one per shard, numbered batch × shards + shard, so an
 * unsharded command's units are its batches.
 */
import type { CommandContext } from '../../machines/command.machine.js';
import type { QueuedData } from '../events/types.js';
import { shardCount } from './shards.js';

/** Shards per batch of a command (1 for a command recorded before shards, or with sharding off). */
export function shardsPerBatch(data: Pick<QueuedData, 'rows' | 'shardRows'>): number {
  return shardCount(data.rows, data.shardRows);
}

/** The shard size work items and sink contexts carry: only for a sharded command, so others stay as they were. */
export function shardRowsOf(c: Pick<CommandContext, 'shards' | 'shardRows'>): number | undefined {
  return c.shards > 1 ? c.shardRows : undefined;
}

export interface WorkUnit {
  batch: number;
  /** Absent for an unsharded command. */
  shard?: number;
}

export function unitIndex(c: Pick<CommandContext, 'shards'>, batch: number, shard: number | undefined): number {
  return batch * c.shards + (shard ?? 0);
}

export function unitAt(c: Pick<CommandContext, 'shards'>, unit: number): WorkUnit {
  if (c.shards === 1) return { batch: unit };
  return { batch: Math.floor(unit / c.shards), shard: unit % c.shards };
}

/** Whether a batch's shard (or an unsharded batch) has completed. */
export function unitCompleted(c: Pick<CommandContext, 'completed' | 'completedBelow' | 'shardsCompleted'>, batch: number, shard: number | undefined): boolean {
  const b = String(batch);
  return batch < (c.completedBelow ?? 0) || b in c.completed || String(shard ?? 0) in (c.shardsCompleted[b] ?? {});
}

/** A shard index of this layout: a report naming another is not about this command's work. */
export function isShardOf(c: Pick<CommandContext, 'shards'>, shard: number | undefined): boolean {
  const s = shard ?? 0;
  return Number.isInteger(s) && s >= 0 && s < c.shards;
}
