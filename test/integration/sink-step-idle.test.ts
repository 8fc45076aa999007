/**
 * Sink steps come at a command's start and end: their thread stops SINK_STEP_IDLE_MS after a step even when the
 * generator threads' idle time is a minute, so it does not hold its memory through the batches in between; the next
 * step boots it again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { SINK_STEP_IDLE_MS, ThreadActivities } from '../../src/activities/thread-activities.js';
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
