/**
 * LLM fields against a real Ollama server on loopback serving the tiny model (test/helpers/services/ollama.ts):
 * OLLAMA and OPEN_AI (Ollama's /v1) answer per row with placeholders filled, pool mode bounds the calls, the budget
 * fails clearly, a seeded rerun gives identical rows, a server that is down is named, recorded answers make a rerun
 * need no call (on an activity thread too, through its message channel, with the server stopped). Rows go through
 * the batch runner's own filler (src/activities/llm-chunks.ts) as a generator actor runs them.
 */
import test from 'ava';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ThreadActivities } from '../../src/activities/thread-activities.js';
import { InMemoryLlmAnswers } from '../../src/memory/memory-llm-answers.js';
import type { WorkItem } from '../../src/ports/work-queue.js';
import { LlmChunkFiller } from '../../src/activities/llm-chunks.js';
import type { BatchJob } from '../../src/activities/thread-jobs.js';
import { compileModel } from '../../src/model/compile.js';
import { parseModel } from '../../src/model/parse.js';
import type { Row } from '../../src/model/types.js';
import { sinkContext, sinkSettings } from '../../src/sinks/context.js';
import { LLM_TEST_MODEL, startOllama, type OllamaService } from '../helpers/services/ollama.js';

let ollama: OllamaService;

test.before(async () => {
  ollama = await startOllama();
});

test.after.always(async () => {
  await ollama?.stop();
});

const CITIES = ['Paris', 'Tokyo', 'Lima'];

function model(type: string, extra: Record<string, unknown> = {}) {
  return parseModel({
    model_name: 'reviews',
    Fields: [
      { name: 'city', type: 'STRING', possible_values: CITIES },
      { name: 'review', type, request: 'Write one short sentence about a hotel in ${city}.', model_type: LLM_TEST_MODEL, max_tokens: 24, ...extra },
    ],
  });
}

let commands = 0;

async function generate(m: ReturnType<typeof model>, rows: number, opts: { seed?: number; props?: Record<string, string>; filler?: LlmChunkFiller; uuid?: string } = {}) {
  const generator = await compileModel(m);
  const out: Row[] = generator.generate(opts.seed ?? 1, 0, rows);
  const settings = sinkSettings({ dataDir: '/tmp', outputRoots: [], properties: { DATAGEN_LLM_ALLOWED_URLS: `${ollama.url}/`, ...opts.props } });
  const job = { id: 1, item: { commandUuid: opts.uuid ?? `c${++commands}`, batch: 0, rows, seed: opts.seed ?? 1, service: 'json', modelHash: 'h', properties: {}, batches: 1, referenceTime: 0, ...(opts.seed === undefined ? { wallClock: true } : {}) }, settings, compileDirs: [] } as BatchJob;
  const filler = opts.filler ?? new LlmChunkFiller();
  await filler.fill(out, 0, generator.llmColumns!, job);
  return { rows: out, stats: filler.statsOf(job.item.commandUuid)! };
}

for (const [type, url] of [['OLLAMA', () => ollama.url], ['OPEN_AI', () => `${ollama.url}/v1`]] as const) {
  test.serial(`${type}: every row has the model's non-empty text, prompts filled from the row, one call per row`, async (t) => {
    const { rows, stats } = await generate(model(type, { url: url() }), 6, { seed: 5 });
    t.is(stats.calls, 6);
    for (const r of rows) {
      t.true(typeof r.review === 'string' && r.review.length > 0);
      t.false(String(r.review).includes('${city}'));
      t.is(r.review, String(r.review).trim());
    }
    // Prompts that differ give answers that differ.
    t.true(new Set(rows.map((r) => r.review)).size > 1);
  });
}

test.serial('a static prompt is answered (the original gave "")', async (t) => {
  const m = parseModel({ Fields: [{ name: 'wish', type: 'OLLAMA', url: ollama.url, request: 'Write a birthday wish.', model_type: LLM_TEST_MODEL, max_tokens: 16 }] });
  const { rows } = await generate(m, 2, { seed: 3 });
  t.true(rows.every((r) => String(r.wish).length > 0));
});

test.serial('pool mode: at most pool_size calls per distinct prompt, across chunks of one command', async (t) => {
  const filler = new LlmChunkFiller();
  const m = model('OLLAMA', { url: ollama.url, pool_size: 2 });
  const first = await generate(m, 30, { seed: 9, filler, uuid: 'pool' });
  t.true(first.stats.calls <= CITIES.length * 2);
  const calls = first.stats.calls;
  const again = await generate(m, 30, { seed: 9, filler, uuid: 'pool' });
  t.is(again.stats.calls, calls);
  t.deepEqual(again.rows, first.rows);
  for (const city of CITIES) t.true(new Set(first.rows.filter((r) => r.city === city).map((r) => r.review)).size <= 2);
});

test.serial('a seeded rerun gives identical rows (the server is given each call a seed)', async (t) => {
  const m = model('OLLAMA', { url: ollama.url, temperature: 1 });
  const a = await generate(m, 4, { seed: 77 });
  const b = await generate(m, 4, { seed: 77 });
  t.deepEqual(a.rows, b.rows);
});

test.serial('the budget fails the batch saying which limit', async (t) => {
  await t.throwsAsync(generate(model('OLLAMA', { url: ollama.url }), 5, { seed: 1, props: { DATAGEN_LLM_MAX_CALLS: '3' } }), { message: /budget of 3 calls is spent \(DATAGEN_LLM_MAX_CALLS\)/ });
});

test.serial('a URL not allowed is refused before any call; a server that is down is named', async (t) => {
  await t.throwsAsync(generate(model('OLLAMA', { url: 'http://127.0.0.1:9/' }), 1, { seed: 1 }), { message: /Fields\[1\]\.url names LLM endpoint http:\/\/127\.0\.0\.1:9,/ });
  await t.throwsAsync(
    generate(model('OLLAMA', { url: 'http://127.0.0.1:9/' }), 1, { seed: 1, props: { DATAGEN_LLM_ALLOWED_URLS: 'http://127.0.0.1:9/', DATAGEN_LLM_RETRIES: '1' } }),
    { message: /LLM endpoint http:\/\/127\.0\.0\.1:9 is unreachable/ },
  );
});

test.serial('a server slower than the time-out fails the call as a time-out', async (t) => {
  await t.throwsAsync(
    generate(model('OLLAMA', { url: ollama.url, max_tokens: 200 }), 1, { seed: 2, props: { DATAGEN_LLM_TIMEOUT_MS: '1', DATAGEN_LLM_RETRIES: '0' } }),
    { message: /did not answer in time/ },
  );
});

test.serial('recorded answers: a seeded rerun on another actor makes no call and gives the same rows; unseeded, nothing is recorded', async (t) => {
  const answers = new InMemoryLlmAnswers();
  const m = model('OLLAMA', { url: ollama.url, pool_size: 2 });
  const m2 = model('OPEN_AI', { url: `${ollama.url}/v1` });
  const first = await generate(m, 8, { seed: 41, filler: new LlmChunkFiller(answers) });
  t.true(first.stats.calls > 0);
  const again = await generate(m, 8, { seed: 41, filler: new LlmChunkFiller(answers) });
  t.is(again.stats.calls, 0);
  t.deepEqual(again.rows, first.rows);
  // Another seed is another recording.
  t.true((await generate(m, 8, { seed: 42, filler: new LlmChunkFiller(answers) })).stats.calls > 0);
  const unseeded = new InMemoryLlmAnswers();
  await generate(m2, 3, { filler: new LlmChunkFiller(unseeded) });
  t.is((await generate(m2, 3, { filler: new LlmChunkFiller(unseeded) })).stats.calls, 3);
});

async function filesOf(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[path.relative(dir, path.join(e.parentPath, e.name))] = await readFile(path.join(e.parentPath, e.name), 'utf8');
  }
  return out;
}

// Last: it stops the server.
test.serial('on an activity thread: answers recorded through its channel; with the server stopped, the rerun writes the same bytes', async (t) => {
  const recorded: string[] = [];
  const answers = new (class extends InMemoryLlmAnswers {
    override async put(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
      recorded.push(...entries.map(([k]) => k));
      await super.put(entries);
    }
  })();
  const m = model('OLLAMA', { url: ollama.url });
  const activities = new ThreadActivities({ limits: { heapMb: 256, youngMb: 16, stackMb: 4, heapVariable: 'DATAGEN_THREAD_HEAP_MB' }, timeoutSeconds: 120, batchThreads: 1, sinkSteps: true, llmAnswers: answers });
  const dirs: string[] = [];
  const run = async (uuid: string) => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'llm-thread-'));
    dirs.push(dataDir);
    const settings = sinkSettings({ dataDir, outputRoots: [dataDir], properties: { DATAGEN_LLM_ALLOWED_URLS: `${ollama.url}/`, DATAGEN_LLM_RETRIES: '0' } });
    const item: WorkItem = { commandUuid: uuid, batch: 0, rows: 5, seed: 8, service: 'json', modelHash: 'llm-thread', properties: {}, batches: 1, referenceTime: 0 };
    await activities.runSinkStep('prepare', 'json', sinkContext(uuid, m, 5, 1, settings));
    await activities.runBatch({ item, model: m, settings, compileDirs: [dataDir] });
    await activities.runSinkStep('finalize', 'json', sinkContext(uuid, m, 5, 1, settings));
    return filesOf(dataDir);
  };
  try {
    const first = await run('3f1c2a52-0000-4000-8000-0000000000c1');
    t.is(recorded.length, 5);
    const text = Object.values(first).join('');
    t.regex(text, /"review"/);
    await ollama.stop();
    // A rerun is another command with the same seed: its answers are found by key, not by command.
    const again = await run('3f1c2a52-0000-4000-8000-0000000000c2');
    t.deepEqual(again, first);
    t.true(Object.keys(first).length > 0);
  } finally {
    await activities.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  }
});
