/**
 * LLM fields through the service (docs/llm-fields.md): `datagen serve` writes a model with an OLLAMA field and an
 * OPEN_AI field (Ollama's /v1) to local JSON files, against a real Ollama serving the tiny model. Answers are
 * non-empty and differ across rows; /command/get shows the calls and tokens; a seeded rerun is byte-identical with no
 * call (recorded answers), even with the server stopped; then a command that must call fails naming the endpoint. A
 * URL the service may not call is a 400 at submission. /model/test and GET /datagen/api/gen answer the LLM fields
 * too (not their prompts); a caller's seed records the answers, so the same page comes back with the server down.
 */
import test from 'ava';
import { runJsonCommand } from '../helpers/json-command.js';
import { startServe, submit, type ServiceProcess } from '../helpers/service-process.js';
import { LLM_TEST_MODEL, startOllama, type OllamaService } from '../helpers/services/ollama.js';

let ollama: OllamaService;
let svc: ServiceProcess;

test.before(async () => {
  ollama = await startOllama();
  svc = await startServe({ env: { DATAGEN_LLM_ALLOWED_URLS: `${ollama.url}/`, DATAGEN_LLM_RETRIES: '1' } });
});

test.after.always(async () => {
  await svc?.stop();
  await ollama?.stop();
});

const model = (name: string, url = () => ollama.url) => JSON.stringify({
  model_name: name,
  Fields: [
    { name: 'city', type: 'STRING', possible_values: ['Paris', 'Tokyo', 'Lima', 'Oslo'] },
    { name: 'review', type: 'OLLAMA', url: url(), model_type: LLM_TEST_MODEL, max_tokens: 16, request: 'Write one short sentence about a hotel in ${city}.' },
    { name: 'tip', type: 'OPEN_AI', url: `${url()}/v1`, model_type: LLM_TEST_MODEL, max_tokens: 16, request: 'Give one travel tip for ${city}.' },
  ],
});

const ROWS = 4;

const PROMPT_WORDS = /Write one short sentence|Give one travel tip/;

async function modelTest(name: string, seed: number) {
  const form = new FormData();
  form.set('model_file', new Blob([model(name)], { type: 'application/json' }), 'm.json');
  form.set('seed', String(seed));
  const res = await fetch(`${svc.url}/model/test`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as any };
}

async function apiPage(modelId: string, seed: number) {
  const res = await fetch(`${svc.url}/datagen/api/gen?modelId=${modelId}&rows=3&seed=${seed}`);
  return { status: res.status, body: (await res.json()) as any };
}

let apiRows: unknown;

test.serial('/model/test and GET /datagen/api/gen answer the LLM fields with the model\'s text, not the prompt', async (t) => {
  const tested = await modelTest('llm-e2e-test-row', 3);
  t.is(tested.status, 200, JSON.stringify(tested.body));
  for (const field of ['review', 'tip']) {
    const text = tested.body.row[field];
    t.true(typeof text === 'string' && text.length > 0, field);
    t.notRegex(text, PROMPT_WORDS, `${field} is an answer`);
  }
  t.false('llmColumns' in tested.body);

  const form = new FormData();
  form.set('model_file', new Blob([model('llm-e2e-api')], { type: 'application/json' }), 'm.json');
  const registered = await fetch(`${svc.url}/datagen/api`, { method: 'POST', body: form });
  t.is(registered.status, 200);
  const page = await apiPage('llm-e2e-api', 9);
  t.is(page.status, 200, JSON.stringify(page.body));
  t.is(page.body.length, 3);
  for (const row of page.body) {
    for (const field of ['review', 'tip']) {
      t.true(typeof row[field] === 'string' && row[field].length > 0, field);
      t.notRegex(row[field], PROMPT_WORDS, `${field} is an answer`);
    }
  }
  apiRows = page.body;
});

const run = (name: string, seed: number) => runJsonCommand(svc, model(name), { rows: ROWS, batches: 1, seed }, name);

test.serial('OLLAMA and OPEN_AI fields: non-empty answers that differ across rows, calls and tokens in /command/get; a seeded rerun is identical with no call, also with the server stopped; then a command that must call fails naming the endpoint', async (t) => {
  const first = await run('llm-e2e-a', 5);
  t.is(first.status.status, 'FINISHED', first.status.comment);
  t.is(first.rows.length, ROWS);
  for (const field of ['review', 'tip']) {
    t.true(first.rows.every((r) => typeof r[field] === 'string' && r[field]!.length > 0 && !r[field]!.includes('${city}')), field);
    t.true(new Set(first.rows.map((r) => r[field])).size > 1, field);
  }
  t.is(first.details.llm.calls, 2 * ROWS);
  t.true(first.details.llm.tokens > 0);

  // Another command, the same model and seed: every answer is recorded, so no call.
  const again = await run('llm-e2e-b', 5);
  t.is(again.status.status, 'FINISHED', again.status.comment);
  t.is(again.bytes, first.bytes);
  t.deepEqual(again.details.llm, { calls: 0, tokens: 0 });

  await ollama.stop();
  const stopped = await run('llm-e2e-c', 5);
  t.is(stopped.status.status, 'FINISHED', stopped.status.comment);
  t.is(stopped.bytes, first.bytes);

  // Another seed must call the model, which is down.
  const down = await run('llm-e2e-d', 6);
  t.is(down.status.status, 'FAILED');
  t.regex(down.status.comment, new RegExp(`LLM endpoint ${ollama.url.replaceAll('.', '\\.')} is unreachable`));
});

test.serial('with the server stopped: GET /datagen/api/gen of a seed already asked is the same page (recorded answers); a new seed and /model/test are 502s naming the endpoint', async (t) => {
  t.truthy(apiRows, 'the first test recorded a page');
  const again = await apiPage('llm-e2e-api', 9);
  t.is(again.status, 200, JSON.stringify(again.body));
  t.deepEqual(again.body, apiRows);
  const endpoint = new RegExp(`LLM endpoint ${ollama.url.replaceAll('.', '\\.')} is unreachable`);
  const fresh = await apiPage('llm-e2e-api', 10);
  t.is(fresh.status, 502);
  t.regex(fresh.body.error, endpoint);
  const tested = await modelTest('llm-e2e-test-row', 4);
  t.is(tested.status, 502);
  t.regex(tested.body.error, endpoint);
});

test.serial('a URL the service may not call is a 400 at submission naming the field and host', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model('llm-e2e-refused', () => 'http://10.9.8.7:11434') });
  t.is(res.status, 400);
  t.regex(JSON.stringify(res.body), /Fields\[1\]\.url names LLM endpoint http:\/\/10\.9\.8\.7:11434/);
});
