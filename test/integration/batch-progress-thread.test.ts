/**
 * Progress from a batch on a real activity thread: the rows written so far cross from the thread to the caller
 * after each chunk, growing to the batch's rows, while the real json sink writes it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ThreadActivities } from '../../src/activities/thread-activities.js';
import { parseModelText } from '../../src/model/parse.js';
import type { WorkItem } from '../../src/ports/work-queue.js';
import { sinkContext, sinkSettings } from '../../src/sinks/context.js';

/** More than three chunks of rows (a chunk is at most 16,384 rows). */
const ROWS = 50_000;

test('a batch on an activity thread reports its rows written after each chunk, up to all of them', async (t) => {
  const model = parseModelText(JSON.stringify({ model_name: 'progress-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'progress');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'batch-progress-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const activities = new ThreadActivities({
    limits: { heapMb: 256, youngMb: 16, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' }, timeoutSeconds: 120, batchThreads: 1, sinkSteps: true,
  });
  try {
    const uuid = '3f1c2a52-0000-4000-8000-0000000000aa';
    await activities.runSinkStep('prepare', 'json', sinkContext(uuid, model, ROWS, 1, settings));
    const item: WorkItem = { commandUuid: uuid, batch: 0, rows: ROWS, seed: 1, service: 'json', modelHash: 'progress-hash', properties: {}, batches: 1, referenceTime: 0 };
    const reported: number[] = [];
    const result = await activities.runBatch({ item, model, settings, compileDirs: [dataDir] }, (rows) => reported.push(rows));
    t.is(result.rows, ROWS);
    t.true(reported.length >= 4, JSON.stringify(reported));
    t.true(reported.every((rows, i) => i === 0 || rows > reported[i - 1]), 'growing');
    t.is(reported.at(-1), ROWS);
  } finally {
    await activities.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
