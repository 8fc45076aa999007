/**
 * LOCAL_LLM in-process with node-llama-cpp and the real tiny model (SmolLM2-135M GGUF, test/helpers/services/
 * tiny-model.ts), threads: 1: answers per row with placeholders filled, a static prompt, seeded determinism, pool
 * mode's bounded calls, the budget, recorded answers, the model loaded once for several chunks and commands, and the
 * file refused when it is not one of the model directory's; a generator thread's calls answered by its process
 * through the thread's channel. Rows go through the batch runner's own filler.
 */
import test from 'ava';
import { InMemoryLlmAnswers } from '../../src/memory/memory-llm-answers.js';
import { LlmChunkFiller } from '../../src/activities/llm-chunks.js';
import type { BatchJob } from '../../src/activities/thread-jobs.js';
import { loadedLocalModels, releaseLocalModels } from '../../src/llm/local-engine.js';
import { LocalLlmHost, ThreadLocalLlm } from '../../src/activities/thread-local-llm.js';
import { llmCallSettings } from '../../src/llm/call-settings.js';
import { callLocalLlm } from '../../src/llm/local-llm.js';
import { readLlmSpec } from '../../src/model/llm-spec.js';
import { MessageChannel } from 'node:worker_threads';
import path from 'node:path';
import { compileModel } from '../../src/model/compile.js';
import { parseModel } from '../../src/model/parse.js';
import type { Row } from '../../src/model/types.js';
import { sinkSettings } from '../../src/sinks/context.js';
import { ensureTinyModel, TINY_MODEL_FILE, tinyModelDir } from '../helpers/services/tiny-model.js';

test.before(async () => {
  await ensureTinyModel();
});

test.after.always(async () => {
  await releaseLocalModels();
});

const CITIES = ['Paris', 'Tokyo', 'Lima'];

function model(extra: Record<string, unknown> = {}) {
  return parseModel({
    model_name: 'reviews',
    Fields: [
      { name: 'city', type: 'STRING', possible_values: CITIES },
      {
        name: 'review', type: 'LOCAL_LLM', file: TINY_MODEL_FILE, threads: 1, request: 'Write one short sentence about a hotel in ${city}.',
        max_tokens: 20, frequency_penalty: 0, presence_penalty: 0, ...extra,
      },
    ],
  });
}

let commands = 0;

async function generate(m: ReturnType<typeof model>, rows: number, opts: { seed?: number; props?: Record<string, string>; filler?: LlmChunkFiller; uuid?: string } = {}) {
  const generator = await compileModel(m);
  const out: Row[] = generator.generate(opts.seed ?? 1, 0, rows);
  const settings = sinkSettings({ dataDir: '/tmp', outputRoots: [], properties: { DATAGEN_LLM_MODELS_DIR: tinyModelDir(), ...opts.props } });
  const job = { id: 1, item: { commandUuid: opts.uuid ?? `c${++commands}`, batch: 0, rows, seed: opts.seed ?? 1, service: 'json', modelHash: 'h', properties: {}, batches: 1, referenceTime: 0, ...(opts.seed === undefined ? { wallClock: true } : {}) }, settings, compileDirs: [] } as BatchJob;
  const filler = opts.filler ?? new LlmChunkFiller();
  await filler.fill(out, 0, generator.llmColumns!, job);
  return { rows: out, stats: filler.statsOf(job.item.commandUuid)! };
}

test.serial('every row has the model\'s non-empty, trimmed text, prompts filled from the row, one call per row, tokens counted by the model; loaded once', async (t) => {
  const { rows, stats } = await generate(model(), 6, { seed: 5 });
  t.is(stats.calls, 6);
  t.true(stats.tokens > 6 * 10, `tokens ${stats.tokens}`);
  for (const r of rows) {
    t.true(typeof r.review === 'string' && r.review.length > 0);
    t.is(r.review, String(r.review).trim());
  }
  t.true(new Set(rows.map((r) => r.review)).size > 1);
  await generate(model(), 2, { seed: 6 });
  t.is(loadedLocalModels(), 1);
});

test.serial('a static prompt is answered; unseeded commands work too', async (t) => {
  const m = parseModel({ Fields: [{ name: 'wish', type: 'LOCAL_LLM', file: TINY_MODEL_FILE, threads: 1, request: 'Write a birthday wish.', max_tokens: 12 }] });
  const { rows } = await generate(m, 2);
  t.true(rows.every((r) => String(r.wish).length > 0));
});

test.serial('a seeded rerun gives identical rows (the sampler is given each call\'s seed); another seed other rows', async (t) => {
  const m = model({ temperature: 1 });
  const a = await generate(m, 3, { seed: 77 });
  const b = await generate(m, 3, { seed: 77 });
  t.deepEqual(a.rows, b.rows);
  const c = await generate(m, 3, { seed: 78 });
  t.notDeepEqual(c.rows.map((r) => r.review), a.rows.map((r) => r.review));
});

test.serial('two calls at once (DATAGEN_LLM_CONCURRENCY 2: two context sequences) answer every row', async (t) => {
  const { rows, stats } = await generate(model(), 4, { seed: 12, props: { DATAGEN_LLM_CONCURRENCY: '2' } });
  t.is(stats.calls, 4);
  t.true(rows.every((r) => String(r.review).length > 0));
});

test.serial('pool mode: at most pool_size calls per distinct prompt, across chunks of one command', async (t) => {
  const filler = new LlmChunkFiller();
  const m = model({ pool_size: 2 });
  const first = await generate(m, 20, { seed: 9, filler, uuid: 'pool' });
  t.true(first.stats.calls <= CITIES.length * 2);
  const calls = first.stats.calls;
  const again = await generate(m, 20, { seed: 9, filler, uuid: 'pool' });
  t.is(again.stats.calls, calls);
  t.deepEqual(again.rows, first.rows);
  for (const city of CITIES) t.true(new Set(first.rows.filter((r) => r.city === city).map((r) => r.review)).size <= 2);
});

test.serial('the budget fails the batch saying which limit: calls, and tokens counted by the model', async (t) => {
  await t.throwsAsync(generate(model(), 5, { seed: 1, props: { DATAGEN_LLM_MAX_CALLS: '2', DATAGEN_LLM_CONCURRENCY: '1' } }), { message: /budget of 2 calls is spent \(DATAGEN_LLM_MAX_CALLS/ });
  await t.throwsAsync(generate(model(), 5, { seed: 1, props: { DATAGEN_LLM_MAX_TOKENS: '10', DATAGEN_LLM_CONCURRENCY: '1' } }), { message: /budget of 10 tokens is spent/ });
});

test.serial('recorded answers: a seeded rerun on another actor makes no call and gives the same rows; a different file would ask anew', async (t) => {
  const answers = new InMemoryLlmAnswers();
  const first = await generate(model(), 3, { seed: 41, filler: new LlmChunkFiller(answers) });
  t.is(first.stats.calls, 3);
  const again = await generate(model(), 3, { seed: 41, filler: new LlmChunkFiller(answers) });
  t.is(again.stats.calls, 0);
  t.deepEqual(again.rows, first.rows);
});

test.serial('a file outside the model directory, or none configured, fails the batch naming the field\'s file', async (t) => {
  await t.throwsAsync(generate(model({ file: '../../../../etc/hostname' }), 1, { seed: 1 }), { message: /^Fields\[1\]\.file: / });
  await t.throwsAsync(generate(model(), 1, { seed: 1, props: { DATAGEN_LLM_MODELS_DIR: '' } }), { message: /Fields\[1\]\.file: .*DATAGEN_LLM_MODELS_DIR/ });
});

test.serial('a call slower than the time-out fails as a time-out naming the model file', async (t) => {
  await t.throwsAsync(generate(model({ max_tokens: 200 }), 1, { seed: 2, props: { DATAGEN_LLM_TIMEOUT_MS: '1', DATAGEN_LLM_RETRIES: '0' } }), { message: /LOCAL_LLM model SmolLM2-135M-Instruct\.Q4_1\.gguf did not answer in time/ });
});

test.serial('a generator thread\'s calls run in its process through the channel: the same answer as a direct call; a time-out stops it there', async (t) => {
  const { port1, port2 } = new MessageChannel();
  const thread = new ThreadLocalLlm(port1);
  const host = new LocalLlmHost(port2);
  port1.on('message', (m) => thread.onMessage(m));
  port2.on('message', (m) => host.onMessage(m));
  try {
    const spec = readLlmSpec({ request: 'x', file: TINY_MODEL_FILE, threads: 1, max_tokens: 16 }, 'LOCAL_LLM', 'review', 'Fields[0]');
    const base = llmCallSettings(spec, {});
    const s = { ...base, local: { ...base.local!, file: path.join(tinyModelDir(), TINY_MODEL_FILE) } };
    const prompt = 'Write one short sentence about a hotel in Oslo.';
    const direct = await callLocalLlm(s, { prompt, seed: 7, signal: AbortSignal.timeout(120_000) });
    const viaChannel = await thread.call(s, { prompt, seed: 7, signal: AbortSignal.timeout(120_000) });
    t.true(direct.text.length > 0);
    t.deepEqual(viaChannel, direct);
    await t.throwsAsync(thread.call({ ...s, maxTokens: 400 }, { prompt, seed: 8, signal: AbortSignal.timeout(50) }), { message: /^LOCAL_LLM model SmolLM2-135M-Instruct\.Q4_1\.gguf did not answer in time/ });
  } finally {
    port1.close();
    port2.close();
  }
});
