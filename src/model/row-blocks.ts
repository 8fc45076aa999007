/**
 * Row blocks: each run of ROW_BLOCK rows of a batch draws from its own PRNG, seeded from (seed, batch, block). A row
 * is then a pure function of (model, seed, batch, row) however the batch is split: shards start on block boundaries
 * (src/command/shards.ts), so any worker generates any shard without generating the rows before it, and the same
 * seed gives the same rows for any shard size and any number of workers. A batch of up to ROW_BLOCK rows is one
 * block and draws from the batch's PRNG alone.
 */
export const ROW_BLOCK = 16_384;
