/**
 * Activity threads boot from the bundled entry, as the service starts them, for the jobs they were started for
 * (their modules, and the dictionaries when they compile models) and still run any other kind, loading it on first
 * use; `ready` settles however the boot ends.
 */
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { ActivityThread } from '../../src/activities/activity-thread.js';
import { BatchThreads } from '../../src/activities/batch-threads.js';
import { ModelCheckPool } from '../../src/activities/model-check-pool.js';
import { prepareThreadBundle, threadBundleUrl } from '../../src/activities/thread-bundle.js';
import { PRELOAD_MIN_HEAP_MB, type ThreadLimits } from '../../src/activities/thread-limits.js';
import { parseModelText } from '../../src/model/parse.js';
import type { WorkItem } from '../../src/ports/work-queue.js';
import { sinkContext, sinkSettings } from '../../src/sinks/context.js';
import { sinkFor } from '../../src/sinks/registry.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const limits = (heapMb: number): ThreadLimits => ({ heapMb, youngMb: 16, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' });
const budget = { ms: 60_000, message: 'over budget' };

test.before(async () => {
  await prepareThreadBundle();
});

test('the thread entry is bundled into one module under node_modules/.cache', (t) => {
  const url = threadBundleUrl();
  t.truthy(url, 'esbuild (tsx\'s) built it');
  t.true(url!.startsWith(new URL('node_modules/.cache/datagen-threads/', `file://${ROOT}/`).href), url!);
});

test('a model-check thread booted with the dictionaries tests a model that uses them, and runs a sink step it did not load at boot', async (t) => {
  const model = parseModelText(await readFile(path.join(ROOT, 'models', 'customers-usa.json'), 'utf8'));
  const thread = new ActivityThread({ limits: limits(PRELOAD_MIN_HEAP_MB), label: 'model check thread', kinds: ['check'] });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'activity-threads-'));
  try {
    await thread.ready;
    t.false(thread.isDead);
    const result = (await thread.check({ check: 'test', model, env: { dataDirs: [] }, seed: 7 }, budget)) as { row: Record<string, unknown> } | undefined;
    t.truthy(result);
    t.is(Object.keys(result!.row).length, 10);
    t.is(result!.row.country, 'USA', 'the city came from the preloaded cities, its country linked');
    t.regex(String(result!.row.phone), /^\+1 /);
    await t.notThrowsAsync(thread.check({ check: 'compile', model, env: { dataDirs: [] } }, budget));
    const ctx = sinkContext('3f1c2a52-0000-4000-8000-000000000001', model, 10, 1, sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} }));
    await thread.runSinkStep('prepare', 'json', ctx, budget);
    t.true((await stat(path.join(dataDir, 'output', 'customers-usa'))).isDirectory(), 'the json sink prepared its directory');
  } finally {
    await thread.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('ready settles when the thread dies while booting, and its jobs fail with the cause', async (t) => {
  // Enough heap to start an isolate, far too little to load a generator's modules: it dies before it is ready.
  const thread = new ActivityThread({ limits: { ...limits(12), youngMb: 1 }, label: 'generator thread', kinds: ['batch'] });
  await thread.ready;
  t.true(thread.isDead);
  const err = await t.throwsAsync(thread.check({ check: 'compile', model: parseModelText('{"model_name":"m","Fields":[{"name":"a","type":"INTEGER"}]}'), env: { dataDirs: [] } }, budget));
  t.regex(err.message, /the generator thread ran out of memory \(its heap limit is 12 MB/);
});

test('the model-check pool keeps one thread up; overlapping checks boot more, which stop after their idle time', async (t) => {
  const pool = new ModelCheckPool({ threads: 3, queueLimit: 16, timeoutMs: 60_000, limits: limits(PRELOAD_MIN_HEAP_MB), idleMs: 300 });
  try {
    await pool.ready();
    t.is(pool.threadsUp, 1, 'only the first thread boots with the service');
    const model = parseModelText('{"model_name":"m","Fields":[{"name":"a","type":"INTEGER"}]}');
    await Promise.all([1, 2, 3].map((seed) => pool.testRow(model, { dataDirs: [] }, seed).then((r) => t.truthy(r.row))));
    t.true(pool.threadsUp > 1, `checks that overlapped booted more threads (${pool.threadsUp} up)`);
    while (pool.threadsUp > 1) await new Promise((r) => setTimeout(r, 100));
    t.is(pool.threadsUp, 1, 'the extra threads stopped once idle; the first stays');
    await t.notThrowsAsync(pool.compile(model, { dataDirs: [] }), 'the pool still checks after the others stopped');
  } finally {
    await pool.close();
  }
});

test('generator threads boot with the service, stop after their idle time and boot again for the next batch', async (t) => {
  const model = parseModelText('{"model_name":"idle-model","Fields":[{"name":"id","type":"INCREMENT_INTEGER"}]}');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'activity-threads-'));
  const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: {} });
  const uuid = '3f1c2a52-0000-4000-8000-0000000000bb';
  await sinkFor('json').prepare(sinkContext(uuid, model, 100, 2, settings));
  const threads = new BatchThreads(2, limits(PRELOAD_MIN_HEAP_MB), 120, 300);
  const item = (batch: number): WorkItem => ({ commandUuid: uuid, batch, rows: 100, seed: 1, service: 'json', modelHash: 'idle-hash', properties: {}, batches: 2, referenceTime: 0 });
  const idle = async () => { while (threads.threadsUp > 0) await new Promise((r) => setTimeout(r, 100)); };
  try {
    t.is(threads.threadsUp, 2, 'both threads boot at once');
    await threads.ready();
    await idle();
    t.is(threads.threadsUp, 0, 'stopped once idle');
    t.is((await threads.run({ item: item(0), model, settings, compileDirs: [dataDir] })).rows, 100, 'a batch boots a thread again');
    t.is(threads.threadsUp, 1, 'one batch boots one thread');
    await idle();
    t.is((await threads.run({ item: item(1), model, settings, compileDirs: [dataDir] })).rows, 100, 'and again after the next idle time (the model sent again)');
  } finally {
    await threads.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('with firstIdleMs the model-check pool stops its first thread too when idle, and the next check boots it again', async (t) => {
  const pool = new ModelCheckPool({ threads: 2, queueLimit: 16, timeoutMs: 60_000, limits: limits(PRELOAD_MIN_HEAP_MB), idleMs: 300, firstIdleMs: 300 });
  try {
    await pool.ready();
    t.is(pool.threadsUp, 1, 'the first thread boots with the service');
    while (pool.threadsUp > 0) await new Promise((r) => setTimeout(r, 100));
    const model = parseModelText('{"model_name":"m","Fields":[{"name":"a","type":"INTEGER"}]}');
    t.truthy((await pool.testRow(model, { dataDirs: [] }, 1)).row, 'a check after the idle time still runs');
    t.is(pool.threadsUp, 1, 'on one thread booted again');
  } finally {
    await pool.close();
  }
});
