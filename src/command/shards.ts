/**
 * Shards: a batch larger than the command's shard size is generated as several row ranges that any generator
 * actor may pull, so one batch uses every core of the deployment. The layout is a pure function of the rows per
 * batch and the shard size recorded in the command, so every process agrees on it; rows are a pure function of
 * (seed, batch, shard), so the layout of workers never changes the data.
 */

import { ROW_BLOCK } from '../model/row-blocks.js';

/** Rows per shard when the command does not say otherwise (DATAGEN_SHARD_ROWS): 16 row blocks. */
export const DEFAULT_SHARD_ROWS = 16 * ROW_BLOCK;

/** Shards start on row-block boundaries, so a shard's rows need nothing generated before it: sizes round up. */
export function effectiveShardRows(shardRows: number | undefined): number {
  if (!shardRows || shardRows <= 0) return 0;
  return Math.ceil(shardRows / ROW_BLOCK) * ROW_BLOCK;
}

export interface ShardRange {
  /** 0-based shard number within its batch. */
  index: number;
  /** Shards of the batch. */
  count: number;
  /** First row of the shard, counted from the start of the batch. */
  firstRow: number;
  rows: number;
}

/** Shards of one batch; a batch no larger than a shard (or shardRows 0: sharding off) is its single shard 0. */
export function shardCount(rowsPerBatch: number, shardRows: number | undefined): number {
  const size = effectiveShardRows(shardRows);
  if (!size || rowsPerBatch <= size) return 1;
  return Math.ceil(rowsPerBatch / size);
}

export function shardRange(rowsPerBatch: number, shardRows: number | undefined, index: number): ShardRange {
  const count = shardCount(rowsPerBatch, shardRows);
  if (count === 1) return { index: 0, count: 1, firstRow: 0, rows: rowsPerBatch };
  const size = effectiveShardRows(shardRows);
  const firstRow = index * size;
  return { index, count, firstRow, rows: Math.min(size, rowsPerBatch - firstRow) };
}

export function shardRanges(rowsPerBatch: number, shardRows: number | undefined): ShardRange[] {
  return Array.from({ length: shardCount(rowsPerBatch, shardRows) }, (_, i) => shardRange(rowsPerBatch, shardRows, i));
}
