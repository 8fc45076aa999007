/**
 * A sharded batch through the orchestrator and generator actors, in process: one work item per shard, any actor
 * pulls any shard, the batch completes when its shards have; a cancel drops the shards not yet run.
 */
import test from 'ava';
import type { Activities, BatchActivity } from '../../src/activities/activities.js';
import { shardRange } from '../../src/command/shards.js';
import { Deployment, dataOf } from './deployment.js';

/** Rows per shard and per batch: whole row blocks, so the layout is three shards of S, S and S / 2 rows. */
const S = 65_536;
const ROWS = 2.5 * S;

/**
 * Activities that write nothing and report the rows of the item's shard, with sink steps that do nothing: what
 * the sinks do with shards is theirs (test/integration), not the orchestration's under test here.
 */
function shardCounting(seen: BatchActivity['item'][], gate?: Promise<void>, onStart?: () => void): Activities {
  return {
    runBatch: async ({ item }) => {
      seen.push(item);
      onStart?.();
      await gate;
      return { rows: shardRange(item.rows, item.shardRows, item.shard ?? 0).rows };
    },
    runSinkStep: async () => {},
    close: async () => {},
  };
}

test('a batch larger than the shard size runs as one work item per shard, any actor pulling any, and completes with its rows once every shard has', async (t) => {
  const d = await Deployment.open();
  try {
    const seen: BatchActivity['item'][] = [];
    await d.startOrchestrator({ activities: shardCounting([]) });
    d.startPuller({ id: 'w1', activities: shardCounting(seen) });
    d.startPuller({ id: 'w2', activities: shardCounting(seen) });
    const uuid = await d.submit({ rows: ROWS, batches: 1, threads: 2, shardRows: S });
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(seen.map((i) => [i.batch, i.shard, i.shardRows]).sort(), [[0, 0, S], [0, 1, S], [0, 2, S]]);
    t.deepEqual(dataOf(events, 'batch-completed').map((b) => [b.shard, b.shards, b.rows]).sort(), [[0, 3, S], [1, 3, S], [2, 3, S / 2]]);
    t.deepEqual(dataOf(events, 'finished'), [{ rows: ROWS }]);
    t.is(d.ports.work.size, 0, 'every shard was acked');
  } finally {
    await d.close();
  }
});

test('a cancel mid-batch drops the shards not yet pulled: the command ends CANCELLED and they never run', async (t) => {
  const d = await Deployment.open();
  try {
    const seen: BatchActivity['item'][] = [];
    await d.startOrchestrator({ activities: shardCounting([]) });
    let release!: () => void;
    let started!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const running = new Promise<void>((r) => (started = r));
    d.startPuller({ id: 'w1', activities: shardCounting(seen, gate, started) });
    // Two shards queued, one actor: shard 0 runs (held), shard 1 waits in the queue.
    const uuid = await d.submit({ rows: ROWS, batches: 1, threads: 2, shardRows: S });
    await running;
    await d.ports.events.append(uuid, 'cancel-requested', { by: 'spec' });
    const events = await d.waitFor(uuid, 'cancelled');
    release();
    // The actor pulls shard 1 next and drops it: the queue empties without it running.
    while (d.ports.work.size > 0) await new Promise((r) => setImmediate(r));
    t.deepEqual(dataOf(events, 'cancelled'), [{ reason: 'cancelled' }]);
    t.deepEqual(seen.map((i) => i.shard), [0], 'only the shard in flight ran');
  } finally {
    await d.close();
  }
});

test('a shard that keeps failing fails the command after its attempts, naming the shard', async (t) => {
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 30, maxDeliver: 2 } });
  try {
    await d.startOrchestrator({ activities: shardCounting([]) });
    const failing: Activities = {
      runBatch: async ({ item }) => {
        if (item.shard === 1) throw new Error('disk full');
        return { rows: shardRange(item.rows, item.shardRows, item.shard ?? 0).rows };
      },
      runSinkStep: async () => {},
      close: async () => {},
    };
    d.startPuller({ id: 'w1', activities: failing });
    const uuid = await d.submit({ rows: ROWS, batches: 1, threads: 3, shardRows: S });
    const events = await d.waitFor(uuid, 'failed');
    t.deepEqual(dataOf(events, 'batch-failed').map((f) => [f.shard, f.attempt, f.final]), [[1, 1, false], [1, 2, true]]);
    t.is(dataOf(events, 'failed')[0].reason, 'batch 0 failed after 2 attempts: disk full (shard 1 of 3)');
  } finally {
    await d.close();
  }
});

test('a command recorded without a seed of its own sends the wall clock with every shard, a seeded one (or one recorded before) the row clock', async (t) => {
  const d = await Deployment.open();
  try {
    const seen: BatchActivity['item'][] = [];
    await d.startOrchestrator({ activities: shardCounting([]) });
    d.startPuller({ id: 'w1', activities: shardCounting(seen) });
    const wall = await d.submit({ rows: ROWS, batches: 1, threads: 2, shardRows: S, wallClock: true });
    await d.waitFor(wall, 'finished');
    t.deepEqual(seen.map((i) => i.wallClock), [true, true, true]);
    seen.length = 0;
    const seeded = await d.submit({ rows: ROWS, batches: 1, threads: 2, shardRows: S, seed: 5 });
    await d.waitFor(seeded, 'finished');
    t.is(seen.length, 3);
    t.true(seen.every((i) => i.wallClock === undefined && typeof i.referenceTime === 'number'));
  } finally {
    await d.close();
  }
});
