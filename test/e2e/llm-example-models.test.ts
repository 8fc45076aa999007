/**
 * The LLM example models of models/ as a user runs them: the deployment names the LLM server and the model
 * directory (DATAGEN_LLM_OLLAMA_URL / _MODEL, DATAGEN_LLM_MODELS_DIR), the model file is sent as it is. hotel-reviews
 * (OLLAMA, pool mode) against a real Ollama serving the tiny model, store-descriptions (LOCAL_LLM) in the service's
 * process: every row gets a non-empty answer with its placeholders filled, and pool mode keeps the calls within
 * the pool's bound.
 */
import test from 'ava';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { runJsonCommand } from '../helpers/json-command.js';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';
import { LLM_TEST_MODEL, startOllama, type OllamaService } from '../helpers/services/ollama.js';
import { ensureTinyModel, TINY_MODEL_FILE, tinyModelDir } from '../helpers/services/tiny-model.js';

const MODELS = path.resolve(import.meta.dirname, '../../models');

let ollama: OllamaService;
let svc: ServiceProcess;

test.before(async () => {
  await ensureTinyModel();
  ollama = await startOllama();
  svc = await startServe({
    env: {
      DATAGEN_LLM_ALLOWED_URLS: `${ollama.url}/`, DATAGEN_LLM_OLLAMA_URL: ollama.url, DATAGEN_LLM_OLLAMA_MODEL: LLM_TEST_MODEL,
      DATAGEN_LLM_MODELS_DIR: tinyModelDir(), DATAGEN_LLM_LOCAL_THREADS: '1', DATAGEN_LLM_RETRIES: '1',
    },
  });
});

test.after.always(async () => {
  await svc?.stop();
  await ollama?.stop();
});

async function runExample(file: string, rows: number) {
  const text = await readFile(path.join(MODELS, file), 'utf8');
  return runJsonCommand(svc, text, { rows, batches: 1, seed: 11 }, JSON.parse(text).Table_Names.LOCAL_FILE_NAME, 600_000);
}

test.serial('models/hotel-reviews.json: an OLLAMA review per row from the deployment\'s server, pool mode bounding the calls', async (t) => {
  const out = await runExample('hotel-reviews.json', 8);
  t.is(out.status.status, 'FINISHED', out.status.comment);
  t.is(out.rows.length, 8);
  t.true(out.rows.every((r) => typeof r.review === 'string' && r.review.length > 0 && !r.review.includes('${')), JSON.stringify(out.rows.map((r) => r.review)));
  // pool_size 20: a distinct prompt is asked at most 20 times, and never more often than it has rows.
  t.true(out.details.llm.calls >= 1 && out.details.llm.calls <= 8, JSON.stringify(out.details.llm));
});

test.serial('models/store-descriptions.json: a LOCAL_LLM description per row from the GGUF file in DATAGEN_LLM_MODELS_DIR', async (t) => {
  t.is(JSON.parse(await readFile(path.join(MODELS, 'store-descriptions.json'), 'utf8')).Fields[4].file, TINY_MODEL_FILE);
  const out = await runExample('store-descriptions.json', 6);
  t.is(out.status.status, 'FINISHED', out.status.comment);
  t.is(out.rows.length, 6);
  t.true(out.rows.every((r) => typeof r.description === 'string' && r.description.length > 0), JSON.stringify(out.rows.map((r) => r.description)));
  t.true(out.details.llm.calls >= 1 && out.details.llm.tokens > 0, JSON.stringify(out.details.llm));
});
