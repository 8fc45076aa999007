/**
 * LOCAL_LLM through the service (docs/llm-fields.md): `datagen serve` with DATAGEN_LLM_MODELS_DIR writes a model with
 * a LOCAL_LLM field (the tiny GGUF model run by node-llama-cpp in the process, for its generator threads, threads: 1)
 * to local JSON files, in two batches that share the loaded model, and again after the thread stopped for idleness. Answers are non-empty and differ across rows;
 * /command/get shows the calls and tokens; a seeded rerun is byte-identical with no call (recorded answers). A file
 * outside the directory, and one that is not GGUF, are 400s at submission naming Fields[1].file.
 */
import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runJsonCommand } from '../helpers/json-command.js';
import { startServe, submit, type ServiceProcess } from '../helpers/service-process.js';
import { ensureTinyModel, TINY_MODEL_FILE, tinyModelDir } from '../helpers/services/tiny-model.js';

let svc: ServiceProcess;
let otherDir: string;

test.before(async () => {
  await ensureTinyModel();
  otherDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-llm-local-'));
  await writeFile(path.join(otherDir, 'fake.gguf'), 'not a model');
  // Two directories: the cache holding the tiny model, and one holding a file that is no model.
  svc = await startServe({ env: { DATAGEN_LLM_MODELS_DIR: `${tinyModelDir()},${otherDir}`, DATAGEN_WORKER_SLOTS: '1', DATAGEN_THREAD_IDLE_SECONDS: '1' } });
});

test.after.always(async () => {
  await svc?.stop();
  await rm(otherDir, { recursive: true, force: true });
});

const model = (name: string, file = TINY_MODEL_FILE) => JSON.stringify({
  model_name: name,
  Fields: [
    { name: 'city', type: 'STRING', possible_values: ['Paris', 'Tokyo', 'Lima', 'Oslo'] },
    { name: 'review', type: 'LOCAL_LLM', file, threads: 1, max_tokens: 16, frequency_penalty: 0, presence_penalty: 0, request: 'Write one short sentence about a hotel in ${city}.' },
  ],
});

const ROWS = 3;
const BATCHES = 2;

const run = (name: string, seed: number) => runJsonCommand(svc, model(name), { rows: ROWS, batches: BATCHES, seed }, name);

test.serial('a LOCAL_LLM field: non-empty answers that differ across rows, calls and tokens in /command/get; a seeded rerun is byte-identical with no call; after the generator thread stopped idle, another seed calls again', async (t) => {
  const first = await run('llm-local-a', 5);
  t.is(first.status.status, 'FINISHED', first.status.comment);
  t.is(first.rows.length, ROWS * BATCHES);
  t.true(first.rows.every((r) => typeof r.review === 'string' && r.review.length > 0 && !r.review.includes('${city}')));
  t.true(new Set(first.rows.map((r) => r.review)).size > 1);
  t.is(first.details.llm.calls, ROWS * BATCHES);
  t.true(first.details.llm.tokens > 0);

  const again = await run('llm-local-b', 5);
  t.is(again.status.status, 'FINISHED', again.status.comment);
  t.is(again.bytes, first.bytes);
  t.deepEqual(again.details.llm, { calls: 0, tokens: 0 });

  // The generator thread stops when idle (1 s here) and boots again; the model stays loaded in the process.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const other = await run('llm-local-c', 6);
  t.is(other.status.status, 'FINISHED', other.status.comment);
  t.is(other.details.llm.calls, ROWS * BATCHES);
  t.not(other.bytes, first.bytes);
});

test.serial('/model/test answers a LOCAL_LLM field with the local model\'s text; a file outside the directories is a 400 there too', async (t) => {
  const ask = async (file?: string) => {
    const form = new FormData();
    form.set('model_file', new Blob([model('llm-local-test-row', file)], { type: 'application/json' }), 'm.json');
    form.set('seed', '3');
    const res = await fetch(`${svc.url}/model/test`, { method: 'POST', body: form });
    return { status: res.status, body: (await res.json()) as any };
  };
  const tested = await ask();
  t.is(tested.status, 200, JSON.stringify(tested.body));
  t.true(typeof tested.body.row.review === 'string' && tested.body.row.review.length > 0);
  t.notRegex(tested.body.row.review, /Write one short sentence/);
  const outside = await ask('/etc/passwd');
  t.is(outside.status, 400);
  t.regex(outside.body.error, /Fields\[1\]\.file: .*outside the allowed model directories/);
});

test.serial('a file outside the model directories, or not a GGUF model, is a 400 at submission naming Fields[1].file', async (t) => {
  for (const [file, said] of [['../../../../../etc/hostname', /outside the allowed model directories|not found in the allowed model directories/], ['fake.gguf', /is not a GGUF model file/], ['/etc/passwd', /outside the allowed model directories/]] as const) {
    const res = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model('llm-local-refused', file) });
    t.is(res.status, 400, file);
    t.regex(JSON.stringify(res.body), /Fields\[1\]\.file: /, file);
    t.regex(JSON.stringify(res.body), said, file);
  }
});
