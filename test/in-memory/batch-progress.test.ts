/**
 * Progress of a long batch through a generator actor, in process: the actor appends batch-progress at most once a
 * second of its clock while the batch runs, and the status view folds it into rowsWritten and progress.
 */
import test from 'ava';
import type { Activities } from '../../src/activities/activities.js';
import { foldEvents } from '../../src/command/fold.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { statusView } from '../../src/projection/status-view.js';
import { Deployment, dataOf } from './deployment.js';

const ROWS = 10_000;

/** A batch of ten chunks of 1,000 rows, each taking 400 ms of the actor's clock; writes nothing. */
function slowBatch(clock: ManualClock): Activities {
  return {
    runBatch: async (_job, onProgress) => {
      for (let rows = 1000; rows <= ROWS; rows += 1000) {
        clock.advance(400);
        onProgress?.(rows);
        await new Promise((r) => setImmediate(r));
      }
      return { rows: ROWS };
    },
    runSinkStep: async () => {},
    close: async () => {},
  };
}

test('a one-batch command shows its rows while the batch runs: a few progress events, then the completion replaces them', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator({ activities: slowBatch(new ManualClock()) });
    const clock = new ManualClock();
    d.startPuller({ id: 'w1', activities: slowBatch(clock), clock });
    const uuid = await d.submit({ rows: ROWS, batches: 1, threads: 1 });
    const events = await d.waitFor(uuid, 'finished');
    // 4 s of batch: the first report a second after the first chunk, then at most one a second, the last rows never.
    const reported = dataOf(events, 'batch-progress').map((p) => p.rows);
    t.deepEqual(reported, [4000, 7000]);
    const beforeCompletion = events.slice(0, events.findIndex((e) => e.type === 'batch-completed'));
    t.like(statusView(foldEvents(beforeCompletion)!), { status: 'RUNNING', rowsWritten: 7000, progress: '70.0', batchesCompleted: 0 });
    t.like(statusView(foldEvents(events)!), { status: 'FINISHED', rowsWritten: ROWS, progress: '100.0' });
  } finally {
    await d.close();
  }
});
