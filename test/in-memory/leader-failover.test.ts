/** The orchestrator lease, in process: a holder that cannot refresh loses it, the next one takes over the commands. */
import test from 'ava';
import type { Activities } from '../../src/activities/activities.js';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import { LeaderLease, type LeaseCallbacks } from '../../src/leadership/leader-lease.js';
import { InMemoryLeaseBucket } from '../../src/memory/memory-lease-bucket.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import type { Orchestrator } from '../../src/orchestrator/orchestrator.js';
import { Deployment, dataOf, log } from './deployment.js';

const TTL_MS = 6000;

/** A process that runs an orchestrator while it holds the lease; its own clock drives its refreshes. */
function candidate(d: Deployment, bucket: InMemoryLeaseBucket, holder: string, clock: ManualClock) {
  let orchestrator: Orchestrator | undefined;
  let acquired!: () => void;
  let lost!: () => void;
  const state = {
    acquired: new Promise<void>((r) => (acquired = r)),
    lost: new Promise<void>((r) => (lost = r)),
  };
  const callbacks: LeaseCallbacks = {
    onAcquire: async () => {
      orchestrator = await d.startOrchestrator({ clock });
      acquired();
    },
    onLose: async () => {
      await orchestrator?.stop();
      lost();
    },
  };
  const lease = new LeaderLease(bucket, 'orchestrator', holder, TTL_MS, log, clock);
  return { lease, clock, ...state, start: () => lease.start(callbacks), stop: () => lease.stop(callbacks) };
}

/** Activities whose first batch hangs until released: keeps the command in flight across the failover. */
function firstBatchHeld(inner: Activities) {
  let started!: () => void;
  let release!: () => void;
  const held = { started: new Promise<void>((r) => (started = r)), released: new Promise<void>((r) => (release = r)) };
  let first = true;
  const activities: Activities = {
    runBatch: async (job) => {
      if (first) {
        first = false;
        started();
        await held.released;
      }
      return inner.runBatch(job);
    },
    runSinkStep: (step, service, ctx) => inner.runSinkStep(step, service, ctx),
    close: () => inner.close(),
  };
  return { activities, started: held.started, release: () => release() };
}

test('a lease not refreshed in time passes to the standby, which resumes the command in flight; the old holder steps down', async (t) => {
  const d = await Deployment.open();
  const server = new ManualClock(Date.UTC(2026, 0, 1));
  const bucket = new InMemoryLeaseBucket(TTL_MS, server);
  const a = candidate(d, bucket, 'a', new ManualClock(Date.UTC(2026, 0, 1)));
  const b = candidate(d, bucket, 'b', new ManualClock(Date.UTC(2026, 0, 1, 0, 0, 1)));
  const held = firstBatchHeld(new InlineActivities());
  try {
    await a.start();
    await b.start();
    t.true(a.lease.isLeader);
    t.false(b.lease.isLeader);
    d.startPuller({ id: 'w1', activities: held.activities, slots: 2 });
    const uuid = await d.submit({ rows: 3, batches: 3, threads: 1 });
    await held.started;

    // a stalls past the lease time: its entry expires; b's next refresh creates it.
    server.advance(TTL_MS);
    // b's clock moves on: it tries every third of the lease time.
    await advanceUntil(b.acquired, () => b.clock.advance(TTL_MS / 3));
    t.true(b.lease.isLeader);
    // a wakes up: its refresh fails, it stops orchestrating.
    a.clock.advance(TTL_MS / 3);
    await a.lost;
    t.false(a.lease.isLeader);

    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(events, 'finished'), [{ rows: 9 }]);
    t.deepEqual(dataOf(events, 'batch-completed').map((c) => c.batch).sort(), [0, 1, 2]);
  } finally {
    held.release();
    await a.stop();
    await b.stop();
    await d.close();
  }
});

test('a holder that stops hands the lease over at once', async (t) => {
  const d = await Deployment.open();
  const clock = new ManualClock();
  const bucket = new InMemoryLeaseBucket(TTL_MS, clock);
  const a = candidate(d, bucket, 'a', clock);
  const b = candidate(d, bucket, 'b', clock);
  try {
    await a.start();
    await b.start();
    await a.stop();
    await a.lost;
    await advanceUntil(b.acquired, () => clock.advance(TTL_MS / 3));
    t.true(b.lease.isLeader);
  } finally {
    await b.stop();
    await d.close();
  }
});

/** Advances a manual clock step by step until `done` resolves (each step lets the lease's async tick run). */
async function advanceUntil(done: Promise<void>, step: () => void): Promise<void> {
  let finished = false;
  void done.then(() => (finished = true));
  for (let i = 0; i < 10 && !finished; i++) {
    step();
    await Promise.race([done, new Promise((r) => setImmediate(r))]);
  }
  await done;
}

test('a holder whose orchestrator fails to start releases the lease, cleans up and takes it again once starting works', async (t) => {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const bucket = new InMemoryLeaseBucket(TTL_MS, clock);
  let failures = 1;
  let running = 0;
  const calls: string[] = [];
  const callbacks: LeaseCallbacks = {
    onAcquire: async () => {
      calls.push('acquire');
      running++;
      if (failures-- > 0) throw new Error('JetStream not ready');
    },
    onLose: async () => {
      calls.push('lose');
      running--;
    },
  };
  const lease = new LeaderLease(bucket, 'orchestrator', 'a', TTL_MS, log, clock);
  await lease.start(callbacks);
  t.false(lease.isLeader, 'a failed start does not keep the lease');
  t.deepEqual(calls, ['acquire', 'lose'], 'what the failed start had begun was stopped');
  t.is(running, 0);
  const other = new LeaderLease(bucket, 'orchestrator', 'b', TTL_MS, log, clock);
  await other.start({ onAcquire: async () => {}, onLose: async () => {} });
  t.true(other.isLeader, 'the lease was free at once for another process');
  await other.stop({ onAcquire: async () => {}, onLose: async () => {} });
  clock.advance(TTL_MS);
  for (let i = 0; i < 100 && !lease.isLeader; i++) await new Promise((r) => setImmediate(r));
  t.true(lease.isLeader, 'the next try took it again');
  t.is(running, 1);
  await lease.stop(callbacks);
  t.is(running, 0);
});
