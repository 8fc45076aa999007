/**
 * A paced batch on a real activity thread: its rows go out at the pace of its schedule (progress crosses from the
 * thread as slices are written), and a stop (its command ended) ends it before its next slice, with nothing
 * committed: no file of the batch is left.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ThreadActivities } from '../../src/activities/thread-activities.js';
import { parseModelText } from '../../src/model/parse.js';
import type { WorkItem } from '../../src/ports/work-queue.js';
import { sinkContext, sinkSettings } from '../../src/sinks/context.js';

const ROWS = 100_000;

test('a paced batch on an activity thread stops before its next slice when asked, committing nothing', async (t) => {
  const model = parseModelText(JSON.stringify({ model_name: 'paced-thread', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'paced');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'paced-thread-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const activities = new ThreadActivities({
    limits: { heapMb: 256, youngMb: 16, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' }, timeoutSeconds: 120, batchThreads: 1, sinkSteps: true,
  });
  try {
    const uuid = '3f1c2a52-0000-4000-8000-0000000000ab';
    await activities.runSinkStep('prepare', 'json', sinkContext(uuid, model, ROWS, 1, settings));
    // 100,000 rows at 1,000 rows/s: 100 s of pace, stopped once some of its rows are out.
    const item: WorkItem = { commandUuid: uuid, batch: 0, rows: ROWS, seed: 1, service: 'json', modelHash: 'paced-hash', properties: {}, batches: 1, referenceTime: 0, pace: { rate: { rowsPerSecond: 1000 }, startsAt: Date.now() } };
    const stop = new AbortController();
    const reported: number[] = [];
    const run = activities.runBatch({ item, model, settings, compileDirs: [dataDir] }, (rows) => {
      reported.push(rows);
      if (rows >= 100) stop.abort();
    }, stop.signal);
    const err = await t.throwsAsync(run);
    t.regex(err!.message, /stopped: its command ended/);
    t.true(reported.length > 0 && reported.at(-1)! < ROWS, JSON.stringify(reported.slice(-3)));
    const files = await readdir(path.join(dataDir, 'output', 'paced-thread')).catch(() => []);
    t.deepEqual(files.filter((f) => !f.startsWith('.')), [], 'no file of the batch was committed');
  } finally {
    await activities.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
