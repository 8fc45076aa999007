/** Generator actors that stop answering, in process: the work queue's redelivery and dead letters carry the command. */
import test from 'ava';
import type { Activities } from '../../src/activities/activities.js';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { Deployment, dataOf } from './deployment.js';

/** Activities whose batches hang until released: a generator actor frozen mid-batch. */
function frozen(inner: Activities): Activities & { started: Promise<void>; release(): void } {
  let started!: () => void;
  let release!: () => void;
  const startedP = new Promise<void>((r) => (started = r));
  const released = new Promise<void>((r) => (release = r));
  return {
    started: startedP,
    release,
    runBatch: async (job) => {
      started();
      await released;
      return inner.runBatch(job);
    },
    runSinkStep: (step, service, ctx) => inner.runSinkStep(step, service, ctx),
    close: () => inner.close(),
  };
}

test('a generator actor frozen mid-batch loses its item after the ack wait; the command finishes with exactly its rows', async (t) => {
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 0.3, maxDeliver: 3 } });
  const stuck = frozen(new InlineActivities());
  try {
    await d.startOrchestrator();
    // Its own clock never moves: it sends no heartbeat, as a frozen process (or a killed one, until it thaws).
    const frozenPuller = d.startPuller({ id: 'frozen', activities: stuck, clock: new ManualClock() });
    const uuid = await d.submit({ rows: 4, batches: 3, threads: 1 });
    await stuck.started;
    d.startPuller({ id: 'healthy' });
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(events, 'batch-completed').map((b) => [b.batch, b.workerId]), [[0, 'healthy/0'], [1, 'healthy/0'], [2, 'healthy/0']]);
    t.deepEqual(dataOf(events, 'finished'), [{ rows: 12 }]);
    // Thawed, the frozen actor finishes its batch too: its report is a duplicate, its file the same file.
    const stopping = frozenPuller.stop();
    stuck.release();
    await stopping;
    t.is((await d.ports.events.readCommand(uuid)).filter((e) => e.type === 'batch-completed').length, 3);
    t.deepEqual((await d.outputRows()).map((r) => r.id), Array.from({ length: 12 }, (_, i) => i));
  } finally {
    await d.close();
  }
});

test('a batch whose every delivery ends unanswered is a dead letter: the command fails saying so', async (t) => {
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 0.1, maxDeliver: 2 } });
  const stuck = frozen(new InlineActivities());
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'frozen', slots: 2, activities: stuck, clock: new ManualClock() });
    const uuid = await d.submit({ rows: 4, batches: 1, threads: 1 });
    const events = await d.waitFor(uuid, 'failed');
    t.deepEqual(dataOf(events, 'batch-failed').map((f) => [f.workerId, f.attempt, f.final]), [['orchestrator', 2, true]]);
    t.regex(dataOf(events, 'failed')[0].reason, /batch 0 was delivered 2 times without completing/);
    t.is(d.ports.work.size, 0, 'the dead item was removed');
  } finally {
    stuck.release();
    await d.close();
  }
});
