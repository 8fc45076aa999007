/**
 * LLM fields (docs/llm-fields.md): rows/s of a model with one OLLAMA field (and one OPEN_AI field, Ollama's /v1) run
 * by the batch runner's filler, at DATAGEN_LLM_CONCURRENCY 1 and 4, in pool mode, and a seeded rerun from recorded
 * answers, next to the raw requests/s of the same Ollama and tiny model measured here with the same prompts and
 * settings (the ceiling). Same run, same server. Standalone: `node --import tsx bench/llm.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LlmChunkFiller } from '../src/activities/llm-chunks.js';
import type { BatchJob } from '../src/activities/thread-jobs.js';
import { InMemoryLlmAnswers } from '../src/memory/memory-llm-answers.js';
import type { LlmShared } from '../src/activities/thread-llm-shared.js';
import { connectNats } from '../src/nats/connection.js';
import { openNatsLlmPermits } from '../src/nats/llm-permits.js';
import { NatsLlmSpend } from '../src/nats/llm-spend.js';
import { startTestNats } from '../test/helpers/nats-server.js';
import { llmCallSettings } from '../src/llm/call-settings.js';
import { runLimited } from '../src/llm/limit.js';
import { callOllama } from '../src/llm/ollama.js';
import { compileModel } from '../src/model/compile.js';
import { parseModel } from '../src/model/parse.js';
import { sinkSettings } from '../src/sinks/context.js';
import { LLM_TEST_MODEL, startOllama } from '../test/helpers/services/ollama.js';
import type { BenchResult } from './types.js';
import { callLocalLlm } from '../src/llm/local-llm.js';
import { releaseLocalModels } from '../src/llm/local-engine.js';
import { ensureTinyModel, TINY_MODEL_FILE, tinyModelDir } from '../test/helpers/services/tiny-model.js';

const ROWS = 12;
const MAX_TOKENS = 12;
const CITIES = ['Paris', 'Tokyo', 'Lima', 'Oslo', 'Quito', 'Accra'];
const prompt = (city: string) => `Write one short sentence about a hotel in ${city}.`;

const modelOf = (type: 'OLLAMA' | 'OPEN_AI', url: string, extra: Record<string, unknown> = {}) => parseModel({
  model_name: 'llm-bench',
  Fields: [
    { name: 'city', type: 'STRING', possible_values: CITIES },
    { name: 'review', type, url, model_type: LLM_TEST_MODEL, max_tokens: MAX_TOKENS, request: 'Write one short sentence about a hotel in ${city}.', ...extra },
  ],
});

let commands = 0;

/** Rows/s of ROWS rows of `model` through a fresh actor's filler (or `filler`), and the calls it made. */
async function rowsPerSecond(model: ReturnType<typeof modelOf>, url: string, props: Record<string, string>, opts: { seed?: number; filler?: LlmChunkFiller } = {}) {
  const generator = await compileModel(model);
  const rows = generator.generate(opts.seed ?? 1, 0, ROWS);
  const settings = sinkSettings({ dataDir: '/tmp', outputRoots: [], properties: { DATAGEN_LLM_ALLOWED_URLS: `${url}/`, ...props } });
  const uuid = `bench-${++commands}`;
  const job = { id: 1, item: { commandUuid: uuid, batch: 0, rows: ROWS, seed: opts.seed ?? 1, service: 'json', modelHash: 'h', properties: {}, batches: 1, referenceTime: 0, ...(opts.seed === undefined ? { wallClock: true } : {}) }, settings, compileDirs: [] } as BatchJob;
  const filler = opts.filler ?? new LlmChunkFiller();
  const started = performance.now();
  await filler.fill(rows, 0, generator.llmColumns!, job);
  const seconds = (performance.now() - started) / 1000;
  return { rate: ROWS / seconds, calls: filler.statsOf(uuid)!.calls };
}

/** Requests/s of ROWS direct /api/chat requests, `concurrency` at a time: the server's own rate. */
async function rawRequests(url: string, concurrency: number): Promise<number> {
  const s = llmCallSettings({ type: 'OLLAMA', request: '', url, model: LLM_TEST_MODEL, maxTokens: MAX_TOKENS }, {});
  const tasks = Array.from({ length: ROWS }, (_, i) => async () => {
    await callOllama(s, { prompt: prompt(CITIES[i % CITIES.length]!), signal: AbortSignal.timeout(300_000) });
  });
  const started = performance.now();
  await runLimited(tasks, concurrency);
  return ROWS / ((performance.now() - started) / 1000);
}

export async function benchLlm(): Promise<BenchResult[]> {
  const ollama = await startOllama();
  try {
    const url = ollama.url;
    // Loads the model: the first call is not a measure.
    await rawRequests(url, 1);
    const out: BenchResult[] = [];
    const raw1 = await rawRequests(url, 1);
    const raw4 = await rawRequests(url, 4);
    out.push({ name: 'Ollama raw /api/chat, 1 at a time (requests/s)', value: raw1, unit: 'req/s', note: `${MAX_TOKENS} tokens max, tiny model, measured here` });
    out.push({ name: 'Ollama raw /api/chat, 4 at a time (requests/s)', value: raw4, unit: 'req/s' });
    for (const concurrency of [1, 4]) {
      const r = await rowsPerSecond(modelOf('OLLAMA', url), url, { DATAGEN_LLM_CONCURRENCY: String(concurrency) });
      const raw = concurrency === 1 ? raw1 : raw4;
      out.push({ name: `OLLAMA field, concurrency ${concurrency} (rows/s)`, value: r.rate, unit: 'rows/s', note: `${r.calls} calls; ${Math.round((100 * r.rate) / raw)}% of raw ${concurrency}-at-a-time` });
    }
    const openAi = await rowsPerSecond(modelOf('OPEN_AI', `${url}/v1`), url, { DATAGEN_LLM_CONCURRENCY: '4' });
    out.push(...(await benchLocalLlm()));
    out.push({ name: 'OPEN_AI field (Ollama /v1), concurrency 4 (rows/s)', value: openAi.rate, unit: 'rows/s', note: `${openAi.calls} calls; ${Math.round((100 * openAi.rate) / raw4)}% of raw 4-at-a-time` });
    const pool = await rowsPerSecond(modelOf('OLLAMA', url, { pool_size: 1 }), url, { DATAGEN_LLM_CONCURRENCY: '4' });
    out.push({ name: 'OLLAMA field, pool_size 1, concurrency 4 (rows/s)', value: pool.rate, unit: 'rows/s', note: `${pool.calls} calls for ${ROWS} rows (one per distinct prompt); a longer command reuses them` });
    const answers = new InMemoryLlmAnswers();
    await rowsPerSecond(modelOf('OLLAMA', url), url, { DATAGEN_LLM_CONCURRENCY: '4' }, { seed: 3, filler: new LlmChunkFiller(answers) });
    const rerun = await rowsPerSecond(modelOf('OLLAMA', url), url, { DATAGEN_LLM_CONCURRENCY: '4' }, { seed: 3, filler: new LlmChunkFiller(answers) });
    out.push(...(await benchSharedLimit(url)));
    out.push({ name: 'OLLAMA field, seeded rerun from recorded answers (rows/s)', value: rerun.rate, unit: 'rows/s', note: `${rerun.calls} calls (in-memory answers; JetStream adds a KV get per distinct prompt)` });
    return out;
  } finally {
    await ollama.stop();
  }
}

/**
 * The deployment-wide limit and budget (DATAGEN_LLM_ENDPOINT_CONCURRENCY, DATAGEN_LLM_MAX_CALLS counted in NATS KV):
 * rows/s of the OLLAMA field at concurrency 4 with them off and on (a real nats-server, 4 permits, a budget that is
 * never reached), and what they cost per call alone: a permit's acquire + release and the budget's take + record,
 * each a round trip to JetStream (a generator thread adds its channel to its process).
 */
async function benchSharedLimit(url: string): Promise<BenchResult[]> {
  const nats = await startTestNats();
  const nc = await connectNats(nats.url, 'bench-llm-shared');
  try {
    const shared: LlmShared = { permits: await openNatsLlmPermits(nc, 15_000), spend: await NatsLlmSpend.open(nc) };
    const props = { DATAGEN_LLM_CONCURRENCY: '4' };
    const off = await rowsPerSecond(modelOf('OLLAMA', url), url, props);
    const on = await rowsPerSecond(modelOf('OLLAMA', url), url, { ...props, DATAGEN_LLM_ENDPOINT_CONCURRENCY: '4', DATAGEN_LLM_MAX_CALLS: '1000000' }, { filler: new LlmChunkFiller(undefined, shared) });
    const N = 200;
    let started = performance.now();
    for (let i = 0; i < N; i++) await (await shared.permits.acquire('ebench', 4)).release();
    const permitMs = (performance.now() - started) / N;
    started = performance.now();
    for (let i = 0; i < N; i++) {
      await shared.spend.takeCall('bench', { maxCalls: 1_000_000 });
      await shared.spend.addTokens('bench', 10);
    }
    const budgetMs = (performance.now() - started) / N;
    return [
      { name: 'OLLAMA field, concurrency 4, shared limit and budget off (rows/s)', value: off.rate, unit: 'rows/s', note: `${off.calls} calls` },
      { name: 'OLLAMA field, concurrency 4, shared limit 4 + budget on (rows/s)', value: on.rate, unit: 'rows/s', note: `${on.calls} calls; ${Math.round((100 * on.rate) / off.rate)}% of off (NATS KV permits and spend)` },
      { name: 'shared permit acquire + release, NATS KV (ms per call)', value: permitMs, unit: 'ms', note: `mean of ${N}, one at a time, free permits` },
      { name: 'shared budget take + token record, NATS KV (ms per call)', value: budgetMs, unit: 'ms', note: `mean of ${N}; tokens only with DATAGEN_LLM_MAX_TOKENS` },
    ];
  } finally {
    await nc.close();
    await nats.destroy();
  }
}

/**
 * LOCAL_LLM (the same tiny model as a GGUF file, run in this thread by node-llama-cpp with threads 1): the first call
 * (loading the model), the raw answers/s of direct calls (its ceiling), and rows/s of a LOCAL_LLM field through the
 * filler at concurrency 1 and 2 (two context sequences) and in pool mode.
 */
async function benchLocalLlm(): Promise<BenchResult[]> {
  await ensureTinyModel();
  const props = { DATAGEN_LLM_MODELS_DIR: tinyModelDir() };
  const model = (extra: Record<string, unknown> = {}) => parseModel({
    model_name: 'llm-local-bench',
    Fields: [
      { name: 'city', type: 'STRING', possible_values: CITIES },
      { name: 'review', type: 'LOCAL_LLM', file: TINY_MODEL_FILE, threads: 1, max_tokens: MAX_TOKENS, request: 'Write one short sentence about a hotel in ${city}.', ...extra },
    ],
  });
  const s = llmCallSettings({ type: 'LOCAL_LLM', request: '', file: TINY_MODEL_FILE, threads: 1, maxTokens: MAX_TOKENS }, {});
  const local = { ...s, local: { ...s.local!, file: path.join(tinyModelDir(), TINY_MODEL_FILE) } };
  const ask = (i: number) => callLocalLlm(local, { prompt: prompt(CITIES[i % CITIES.length]!), signal: AbortSignal.timeout(300_000) });
  try {
    let started = performance.now();
    await ask(0);
    const firstSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    let tokens = 0;
    for (let i = 0; i < ROWS; i++) tokens += (await ask(i)).tokens;
    const rawSeconds = (performance.now() - started) / 1000;
    const raw = ROWS / rawSeconds;
    const out: BenchResult[] = [
      { name: 'LOCAL_LLM first call, loading the model (s)', value: firstSeconds, unit: 's', note: 'SmolLM2-135M Q4_1 GGUF, node-llama-cpp in-process; once per process and file' },
      { name: 'LOCAL_LLM raw calls, 1 at a time (answers/s)', value: raw, unit: 'req/s', note: `${MAX_TOKENS} tokens max, threads 1; ${(tokens / rawSeconds).toFixed(0)} tokens/s (prompt + answer)` },
    ];
    for (const concurrency of [1, 2]) {
      const r = await rowsPerSecond(model(), 'http://127.0.0.1:9', { ...props, DATAGEN_LLM_CONCURRENCY: String(concurrency) });
      out.push({ name: `LOCAL_LLM field, concurrency ${concurrency} (rows/s)`, value: r.rate, unit: 'rows/s', note: `${r.calls} calls; ${Math.round((100 * r.rate) / raw)}% of raw 1-at-a-time` });
    }
    const pool = await rowsPerSecond(model({ pool_size: 1 }), 'http://127.0.0.1:9', { ...props, DATAGEN_LLM_CONCURRENCY: '2' });
    out.push({ name: 'LOCAL_LLM field, pool_size 1, concurrency 2 (rows/s)', value: pool.rate, unit: 'rows/s', note: `${pool.calls} calls for ${ROWS} rows (one per distinct prompt); a longer command reuses them` });
    return out;
  } finally {
    await releaseLocalModels();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const r of await benchLlm()) console.log(`${r.name.padEnd(60)} ${r.value.toFixed(2).padStart(12)} ${r.unit}   (${r.note ?? ''})`);
}
