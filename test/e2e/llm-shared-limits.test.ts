/**
 * The deployment-wide LLM limit and budget (docs/llm-fields.md, "Speed and cost") through the service: an API
 * process and a `datagen worker` process on one NATS, 2 generator threads each, an OLLAMA field against the real
 * Ollama of the harness behind a recording proxy. With DATAGEN_LLM_ENDPOINT_CONCURRENCY=1 the server never has two
 * calls in flight although four batches run at once on both processes; restarted without the limit and with
 * DATAGEN_LLM_MAX_CALLS=5, calls overlap, and the command fails naming the budget after 5 calls in all.
 */
import test from 'ava';
import { Kvm } from '@nats-io/kv';
import { connectNats } from '../../src/nats/connection.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy.js';
import { getJson, startServe, startWorkerProcess, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { LLM_TEST_MODEL, startOllama, type OllamaService } from '../helpers/services/ollama.js';

let ollama: OllamaService;
let proxy: RecordingProxy;
let nats: TestNats;
let api: ServiceProcess | undefined;
let worker: Omit<ServiceProcess, 'url'> | undefined;

/** Both processes with the same LLM settings, as a deployment's would be. */
async function deploy(llm: Record<string, string>): Promise<void> {
  await Promise.all([worker?.stop(), api?.stop()]);
  const env = { DATAGEN_WORKER_SLOTS: '2', DATAGEN_LLM_ALLOWED_URLS: `${proxy.url}/`, DATAGEN_LLM_RETRIES: '1', DATAGEN_LLM_CONCURRENCY: '4', ...llm };
  api = await startServe({ natsUrl: nats.url, env });
  // The worker writes where the API's data directory says, as a shared volume would.
  worker = await startWorkerProcess(nats.url, { ...env, DATAGEN_DATA_DIR: api.dataDir });
}

test.before(async () => {
  ollama = await startOllama();
  proxy = await startRecordingProxy(ollama.url);
  nats = await startTestNats();
});

test.after.always(async () => {
  await Promise.all([worker?.stop(), api?.stop()]);
  await proxy?.stop();
  await nats?.destroy();
  await ollama?.stop();
});

const MODEL = JSON.stringify({
  model_name: 'llm-shared',
  Fields: [
    { name: 'n', type: 'INCREMENT_INTEGER' },
    { name: 'word', type: 'OLLAMA', url: '', model_type: LLM_TEST_MODEL, max_tokens: 4, request: 'One word for the number ${n}.' },
  ],
});
const model = () => MODEL.replace('"url":""', `"url":${JSON.stringify(proxy.url)}`);
const BATCHES = 4;
const ROWS = 3;

async function runCommand(seed: number): Promise<{ uuid: string; status: any }> {
  const res = await submit(api!.url, 'json', { rows: ROWS, batches: BATCHES, threads: 4, seed }, { text: model() });
  if (res.status !== 200) throw new Error(`submission refused: ${JSON.stringify(res.body)}`);
  return { uuid: res.body.commandUuid, status: await waitForTerminal(api!.url, res.body.commandUuid, 600_000) };
}

test.serial('DATAGEN_LLM_ENDPOINT_CONCURRENCY=1: batches on 4 threads of 2 processes never have two calls in flight at the server', async (t) => {
  await deploy({ DATAGEN_LLM_ENDPOINT_CONCURRENCY: '1' });
  proxy.reset();
  const { uuid, status } = await runCommand(11);
  t.is(status.status, 'FINISHED', status.comment);
  t.is(proxy.requests, BATCHES * ROWS);
  t.is(proxy.peak, 1);
  t.is((await getJson(api!.url, `/command/get?commandUuid=${uuid}`)).body.llm.calls, BATCHES * ROWS);
  const { body } = await getJson(api!.url, `/command/history?commandUuid=${uuid}`);
  const workers = new Set(body.events.filter((e: { type: string }) => e.type === 'batch-completed').map((e: any) => e.data.workerId));
  t.true(workers.size >= 2, `the batches ran on ${[...workers].join(', ')}`);
});

test.serial('without the limit calls overlap; DATAGEN_LLM_MAX_CALLS=5 fails the command naming the budget after 5 calls in all, across both processes', async (t) => {
  await deploy({ DATAGEN_LLM_MAX_CALLS: '5' });
  proxy.reset();
  const { uuid, status } = await runCommand(12);
  t.is(status.status, 'FAILED');
  t.regex(status.comment, /LLM budget of 5 calls is spent \(DATAGEN_LLM_MAX_CALLS, counted across all its workers\)/);
  const nc = await connectNats(nats.url, 'test-spend');
  try {
    const spent = await (await new Kvm(nc).open('datagen_llm_spend')).get(`c.${uuid}`);
    t.is(spent?.json<{ calls: number }>().calls, 5);
  } finally {
    await nc.close();
  }
  // Batches still running when the command failed are refused by the budget at their next call: none reaches the server.
  for (let waited = 0; proxy.inFlight > 0 && waited < 600; waited++) await new Promise((r) => setTimeout(r, 100));
  t.is(proxy.requests, 5);
  t.true(proxy.peak > 1, `peak ${proxy.peak}: the proxy sees overlapping calls when nothing limits them`);
});
