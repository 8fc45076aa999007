/** A whole command through the orchestrator and generator actors, in process, on the in-memory ports. */
import test from 'ava';
import type { Activities } from '../../src/activities/activities.js';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import { Deployment, dataOf } from './deployment.js';

/** Inline activities that count the batches running at once. */
function counting(inner: Activities, peak: { now: number; max: number }): Activities {
  return {
    runBatch: async (job) => {
      peak.max = Math.max(peak.max, ++peak.now);
      try {
        await new Promise((r) => setImmediate(r)); // let the other slots pull while this batch runs
        return await inner.runBatch(job);
      } finally {
        peak.now--;
      }
    },
    runSinkStep: (step, service, ctx) => inner.runSinkStep(step, service, ctx),
    close: () => inner.close(),
  };
}

test('a command goes from queued to finished with every batch written once, at most `threads` in flight', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const peak = { now: 0, max: 0 };
    d.startPuller({ id: 'w1', slots: 2, activities: counting(new InlineActivities(), peak) });
    d.startPuller({ id: 'w2', slots: 2, activities: counting(new InlineActivities(), peak) });
    const uuid = await d.submit({ rows: 5, batches: 6, threads: 2 });
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(events.filter((e) => e.type !== 'batch-completed').map((e) => e.type), ['queued', 'starting', 'running', 'finished']);
    t.deepEqual(dataOf(events, 'batch-completed').map((b) => b.batch).sort(), [0, 1, 2, 3, 4, 5]);
    t.deepEqual(dataOf(events, 'finished'), [{ rows: 30 }]);
    t.deepEqual((await d.outputRows()).map((r) => r.id), Array.from({ length: 30 }, (_, i) => i));
    t.is(d.ports.work.size, 0, 'every work item was acked');
    t.true(peak.max >= 1 && peak.max <= 2, `${peak.max} batches ran at once`);
  } finally {
    await d.close();
  }
});

test('a batch that keeps failing fails the command after its attempts, each one recorded', async (t) => {
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 30, maxDeliver: 2 } });
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'w1', activities: { runBatch: async () => { throw new Error('disk full'); }, runSinkStep: async () => {}, close: async () => {} } });
    const uuid = await d.submit({ rows: 5, batches: 1, threads: 1 });
    const events = await d.waitFor(uuid, 'failed');
    t.deepEqual(dataOf(events, 'batch-failed').map((f) => [f.attempt, f.final]), [[1, false], [2, true]]);
    t.regex(dataOf(events, 'failed')[0].reason, /batch 0 failed after 2 attempts: disk full/);
  } finally {
    await d.close();
  }
});

test('a cancelled command starts no new batch and ends CANCELLED', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const uuid = await d.submit({ rows: 5, batches: 4, threads: 1 });
    await d.waitFor(uuid, 'running');
    await d.ports.events.append(uuid, 'cancel-requested', { by: 'spec' });
    const events = await d.waitFor(uuid, 'cancelled');
    d.startPuller({ id: 'late' });
    t.deepEqual(dataOf(events, 'batch-completed'), []);
    t.deepEqual(dataOf(events, 'cancelled'), [{ reason: 'cancelled' }]);
  } finally {
    await d.close();
  }
});
