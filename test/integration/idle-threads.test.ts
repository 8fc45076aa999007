/**
 * Threads that sit idle while a long batch runs give their memory back. Sink steps come at a command's start and
 * end: their thread stops SINK_STEP_IDLE_MS after a step even when the generator threads' idle time is a minute.
 * A long batch starting in the process stops the idle check and sink-step threads at once. The next check or step
 * boots its thread again. The signal is process-wide: the tests that send it run one at a time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { batchStarting, LONG_BATCH_ROWS } from '../../src/activities/long-batches.js';
import { ModelCheckPool } from '../../src/activities/model-check-pool.js';
import { SINK_STEP_IDLE_MS, ThreadActivities } from '../../src/activities/thread-activities.js';
import { PRELOAD_MIN_HEAP_MB } from '../../src/activities/thread-limits.js';
import { parseModelText } from '../../src/model/parse.js';
import { sinkContext, sinkSettings } from '../../src/sinks/context.js';

const model = parseModelText(JSON.stringify({ model_name: 'idle-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'idle');

async function waitUntil(done: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return done();
}

test('the sink-step thread stops a few seconds after its step although generator threads stay up for a minute, and boots again for the next', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sink-step-idle-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const activities = new ThreadActivities({
    limits: { heapMb: 256, youngMb: 4, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' }, timeoutSeconds: 120, batchThreads: 0, sinkSteps: true, idleMs: 60_000,
  });
  try {
    const ctx = sinkContext('3f1c2a52-0000-4000-8000-0000000000bb', model, 10, 1, settings);
    await activities.runSinkStep('prepare', 'json', ctx);
    t.true(activities.sinkStepThreadUp, 'up right after its step');
    t.true(await waitUntil(() => !activities.sinkStepThreadUp, SINK_STEP_IDLE_MS + 15_000), 'stopped after its idle time');
    await activities.runSinkStep('abort', 'json', ctx);
    t.true(activities.sinkStepThreadUp, 'booted again by the next step');
  } finally {
    await activities.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('with no idle time (0: always up), the sink-step thread stays', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sink-step-idle-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const activities = new ThreadActivities({ limits: { heapMb: 256, youngMb: 4, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' }, timeoutSeconds: 120, batchThreads: 0, sinkSteps: true, idleMs: 0 });
  try {
    await activities.runSinkStep('prepare', 'json', sinkContext('3f1c2a52-0000-4000-8000-0000000000cc', model, 10, 1, settings));
    t.false(await waitUntil(() => !activities.sinkStepThreadUp, SINK_STEP_IDLE_MS + 2_000), 'still up past the idle cap');
  } finally {
    await activities.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test.serial('a long batch starting in the process stops the idle model-check and sink-step threads at once; a short one does not; the next check boots one again', async (t) => {
  const limits = { heapMb: PRELOAD_MIN_HEAP_MB, youngMb: 4, stackMb: 4, heapVariable: 'DATAGEN_MODEL_TEST_HEAP_MB' };
  const pool = new ModelCheckPool({ threads: 2, queueLimit: 16, timeoutMs: 60_000, limits, firstIdleMs: 60_000 });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'sink-step-idle-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const activities = new ThreadActivities({ limits, timeoutSeconds: 120, batchThreads: 0, sinkSteps: true, idleMs: 60_000 });
  try {
    await pool.ready();
    await activities.runSinkStep('prepare', 'json', sinkContext('3f1c2a52-0000-4000-8000-0000000000dd', model, 10, 1, settings));
    batchStarting(LONG_BATCH_ROWS - 1);
    t.is(pool.threadsUp, 1, 'a short batch leaves the check thread');
    t.true(activities.sinkStepThreadUp, 'and the sink-step thread');
    batchStarting(LONG_BATCH_ROWS);
    t.is(pool.threadsUp, 0, 'a long one stops the check thread');
    t.false(activities.sinkStepThreadUp, 'and the sink-step thread');
    t.truthy((await pool.testRow(model, { dataDirs: [] }, 1)).row, 'a check afterwards still runs');
    t.is(pool.threadsUp, 1, 'on a thread booted again');
  } finally {
    await pool.close();
    await activities.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test.serial('a model-check pool whose first thread is always up (firstIdleMs 0) keeps it through a long batch', async (t) => {
  const limits = { heapMb: 128, youngMb: 4, stackMb: 4, heapVariable: 'DATAGEN_MODEL_TEST_HEAP_MB' };
  const pool = new ModelCheckPool({ threads: 2, queueLimit: 16, timeoutMs: 60_000, limits });
  try {
    await pool.ready();
    batchStarting(10 * LONG_BATCH_ROWS);
    t.is(pool.threadsUp, 1);
  } finally {
    await pool.close();
  }
});
