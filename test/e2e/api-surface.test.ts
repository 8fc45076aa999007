/** extraProperties, secrets that never leak, Prometheus metrics and /model/test, against a real service. */
import test from 'ava';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL_SECRET = 'hunter2-model-secret';
const EXTRA_SECRET = 'hunter3-extra-secret';
const MODEL = {
  model_name: 'surface',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'name', type: 'STRING', length: 5 },
    { name: 'hidden', type: 'INTEGER', min: 1, max: 9, ghost: true },
  ],
  Table_Names: { KAFKA_KEYSTORE_PASSWORD: MODEL_SECRET },
};

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe({ env: { DATAGEN_LOG_LEVEL: 'debug' } });
});
test.after.always(async () => {
  await svc?.stop();
});

test.serial('extraProperties apply to one command only, and secrets never appear in get, history, events or logs', async (t) => {
  const extra = JSON.stringify({ KAFKA_BROKERS: 'broker-a:9092', S3_ACCESS_KEY_SECRET: EXTRA_SECRET });
  const first = await submit(svc.url, 'json', { rows: 3, batches: 2, extraProperties: extra }, { text: JSON.stringify(MODEL) });
  t.is(first.status, 200, JSON.stringify(first.body));
  await waitForTerminal(svc.url, first.body.commandUuid);
  const second = await submit(svc.url, 'json', { rows: 3, batches: 1 }, { text: JSON.stringify(MODEL) });
  await waitForTerminal(svc.url, second.body.commandUuid);

  const got = await getJson(svc.url, `/command/get?commandUuid=${first.body.commandUuid}`);
  t.is(got.body.properties.KAFKA_BROKERS, 'broker-a:9092');
  t.false('S3_ACCESS_KEY_SECRET' in got.body.properties);
  const other = await getJson(svc.url, `/command/get?commandUuid=${second.body.commandUuid}`);
  t.deepEqual(other.body.properties, {}, 'overrides never leak into another command');

  const history = await getJson(svc.url, `/command/history?commandUuid=${first.body.commandUuid}`);
  const sse = await (await fetch(`${svc.url}/command/events?commandUuid=${first.body.commandUuid}`)).text();
  const all = await getJson(svc.url, '/command/getAll');
  for (const [where, text] of [['get', JSON.stringify(got.body)], ['history', JSON.stringify(history.body)], ['events', sse], ['getAll', JSON.stringify(all.body)], ['logs', svc.output()]]) {
    t.false(text.includes(MODEL_SECRET), `model secret found in ${where}`);
    t.false(text.includes(EXTRA_SECRET), `extraProperties secret found in ${where}`);
  }
});

test.serial('extraProperties that are not setting names are rejected with a 400 naming the key', async (t) => {
  const res = await submit(svc.url, 'json', { extraProperties: '{"kafka.brokers":"x"}' }, { text: JSON.stringify(MODEL) });
  t.is(res.status, 400);
  t.regex(res.body.error, /extraProperties key "kafka\.brokers"/);
  const bad = await submit(svc.url, 'json', { extraProperties: '{nope' }, { text: JSON.stringify(MODEL) });
  t.is(bad.status, 400);
  t.regex(bad.body.error, /extraProperties is not valid JSON/);
});

test.serial('Prometheus metrics count rows and batches per sink, commands by status and batch durations', async (t) => {
  const res = await submit(svc.url, 'csv', { rows: 7, batches: 3 }, { text: JSON.stringify(MODEL) });
  await waitForTerminal(svc.url, res.body.commandUuid);
  const text = await (await fetch(`${svc.url}/metrics`)).text();
  const rows = Number(/datagen_rows_generated_total\{sink="csv"\} (\d+)/.exec(text)?.[1]);
  t.true(rows >= 21);
  t.regex(text, /datagen_batches_total\{sink="csv",outcome="completed"\} \d+/);
  t.regex(text, /datagen_batch_duration_seconds_bucket\{le="[^"]+",sink="csv"\} \d+/);
  t.regex(text, /datagen_commands\{status="FINISHED"\} [1-9]\d*/);
  const summary = await getJson(svc.url, '/api/v1/metrics/all', 'GET');
  t.is(summary.body.rowsBySink.csv, rows);
  t.true(summary.body.commands.FINISHED >= 1);
});

test.serial('/model/test answers one row with ghost fields included and named', async (t) => {
  const form = new FormData();
  form.set('model_file', new Blob([JSON.stringify(MODEL)], { type: 'application/json' }), 'm.json');
  form.set('seed', '42');
  const res = await fetch(`${svc.url}/api/v1/model/test`, { method: 'POST', body: form });
  t.is(res.status, 200);
  const body = (await res.json()) as any;
  t.deepEqual(Object.keys(body.row), ['id', 'name', 'hidden']);
  t.deepEqual(body.ghost, ['hidden']);
  t.is(body.seed, 42);
  const again = await fetch(`${svc.url}/model/test`, { method: 'POST', body: form });
  t.deepEqual(((await again.json()) as any).row, body.row, 'the same seed gives the same row');
  const bad = new FormData();
  bad.set('model_file', new Blob(['{"Fields":[{"name":"a","type":"OLLAMA"}]}']), 'm.json');
  const r = await fetch(`${svc.url}/model/test`, { method: 'POST', body: bad });
  t.is(r.status, 400);
});
