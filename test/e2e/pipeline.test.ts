/**
 * End to end: `datagen serve` as a child process (embedded nats-server), driven over HTTP as the seed
 * page's curl commands do, with files checked on disk.
 */
import test from 'ava';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = JSON.stringify({
  model_name: 'e2e-people',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'name', type: 'STRING', length: 8 },
    { name: 'age', type: 'INTEGER', min: 18, max: 99 },
    { name: 'secret', type: 'STRING', ghost: true },
  ],
});

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_MAX_UPLOAD_BYTES: '20000' } });
});

test.after.always(async () => {
  await svc?.stop();
});

async function linesIn(dir: string): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => !f.startsWith('.')).sort();
  const out: string[] = [];
  for (const f of files) out.push(...(await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean));
  return out;
}

test.serial('an uploaded model generates 3 batches × 10 rows to JSON files and the command finishes', async (t) => {
  const res = await submit(svc.url, 'json', { batches: 3, rows: 10 }, { text: MODEL, name: 'example-model.json' });
  t.is(res.status, 200);
  t.is(res.body.error, '');
  t.regex(res.body.commandUuid, /^[0-9a-f-]{36}$/);
  const status = await waitForTerminal(svc.url, res.body.commandUuid);
  t.is(status.status, 'FINISHED');
  t.is(status.progress, '100.0');
  t.is(status.comment, '');
  t.regex(status.duration, /^\d+(ms|\.\ds)$/);
  const dir = path.join(svc.dataDir, 'output', 'e2e-people');
  t.deepEqual((await readdir(dir)).sort(), ['e2e-people-0000000000.json', 'e2e-people-0000000001.json', 'e2e-people-0000000002.json']);
  const rows = (await linesIn(dir)).map((l) => JSON.parse(l));
  t.is(rows.length, 30);
  t.deepEqual(Object.keys(rows[0]), ['id', 'name', 'age']);
  t.deepEqual(rows.map((r) => r.id).sort((a, b) => a - b), Array.from({ length: 30 }, (_, i) => i));
  t.true(rows.every((r) => r.age >= 18 && r.age <= 99));
});

test.serial('history lists the command events in order with the worker of each batch', async (t) => {
  const res = await submit(svc.url, 'csv', { batches: 2, rows: 5, threads: 1 }, { text: MODEL });
  await waitForTerminal(svc.url, res.body.commandUuid);
  for (const method of ['GET', 'POST'] as const) {
    const { status, body } = await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`, method);
    t.is(status, 200);
    const types = body.events.map((e: { type: string }) => e.type);
    t.deepEqual(types, ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'finished']);
    const seqs = body.events.map((e: { seq: number }) => e.seq);
    t.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    const batches = body.events.filter((e: { type: string }) => e.type === 'batch-completed');
    t.deepEqual(batches.map((b: any) => b.data.batch).sort(), [0, 1]);
    for (const b of batches) {
      t.is(b.data.rows, 5);
      t.regex(b.data.workerId, /:\d+\/\d+$/);
      t.truthy(b.at);
    }
  }
  const csv = await readFile(path.join(svc.dataDir, 'output', 'e2e-people', 'e2e-people-0000000000.csv'), 'utf8');
  t.is(csv.split(/\r?\n/)[0], 'id,name,age');
});

test.serial('every status route answers under / and /api/v1, by GET and POST, with the seed shapes', async (t) => {
  const res = await submit(svc.url, 'json', { batches: 1, rows: 1 }, { text: MODEL });
  const uuid = res.body.commandUuid;
  await waitForTerminal(svc.url, uuid);
  for (const prefix of ['', '/api/v1']) {
    for (const method of ['GET', 'POST'] as const) {
      const status = await getJson(svc.url, `${prefix}/command/getCommandStatus?commandUuid=${uuid}`, method);
      t.is(status.status, 200);
      t.like(status.body, { commandUuid: uuid, status: 'FINISHED', comment: '', progress: '100.0' });
      const one = await getJson(svc.url, `${prefix}/command/get?commandUuid=${uuid}`, method);
      t.like(one.body, { commandUuid: uuid, rows: 1, batches: 1, service: 'json', modelName: 'e2e-people' });
      t.is(typeof one.body.seed, 'number');
      const all = await getJson(svc.url, `${prefix}/command/getAll`, method);
      t.true(all.body.some((c: { commandUuid: string }) => c.commandUuid === uuid));
      const finished = await getJson(svc.url, `${prefix}/command/getByStatus?status=FINISHED`, method);
      t.true(finished.body.every((c: { status: string }) => c.status === 'FINISHED'));
      t.true(finished.body.some((c: { commandUuid: string }) => c.commandUuid === uuid));
    }
  }
  const health = await getJson(svc.url, '/api/v1/health/status', 'GET');
  t.deepEqual(health.body, { status: 'OK', nats: 'connected', jetstream: 'available' }); // the original's status, plus what it is based on
  const v1 = await submit(`${svc.url}/api/v1`, 'json', { batches: 1, rows: 1 }, { text: MODEL });
  t.is(v1.status, 200);
  t.is((await waitForTerminal(svc.url, v1.body.commandUuid)).status, 'FINISHED');
});

test.serial('a model named by text: a file in the models directory, or its name without .json', async (t) => {
  await mkdir(path.join(svc.dataDir, 'models'), { recursive: true });
  await writeFile(path.join(svc.dataDir, 'models', 'by-path.json'), MODEL.replace('e2e-people', 'by-path'));
  for (const ref of ['by-path.json', 'by-path', path.join(svc.dataDir, 'models', 'by-path.json')]) {
    const res = await submit(svc.url, 'json', { batches: 1, rows: 2, model_file: ref });
    t.is(res.status, 200, JSON.stringify(res.body));
    t.is((await waitForTerminal(svc.url, res.body.commandUuid)).status, 'FINISHED');
  }
});

test.serial('the form-encoded body (not multipart) is accepted too', async (t) => {
  const res = await fetch(`${svc.url}/datagen/json`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ rows: '3', batches: '1', model_file: 'by-path' }),
  });
  t.is(res.status, 200);
  const body = (await res.json()) as { commandUuid: string };
  t.is((await waitForTerminal(svc.url, body.commandUuid)).status, 'FINISHED');
});

const badRequests: Array<[string, () => Promise<{ status: number; body: any }>, number, RegExp]> = [
  ['malformed model JSON', () => submit(svc.url, 'json', {}, { text: '{"Fields": [' }), 400, /not valid JSON/],
  ['unknown field type', () => submit(svc.url, 'json', {}, { text: JSON.stringify({ Fields: [{ name: 'a', type: 'STRNG' }] }) }), 400, /Fields\[0\]\.type.*STRNG/],
  ['rows = 0', () => submit(svc.url, 'json', { rows: 0 }, { text: MODEL }), 400, /rows must be a positive integer, got "0"/],
  ['rows not a number', () => submit(svc.url, 'json', { rows: 'ten' }, { text: MODEL }), 400, /rows must be a positive integer, got "ten"/],
  ['batches negative', () => submit(svc.url, 'json', { batches: -2 }, { text: MODEL }), 400, /batches must be a positive integer/],
  ['threads fractional', () => submit(svc.url, 'json', { threads: 1.5 }, { text: MODEL }), 400, /threads must be a positive integer/],
  ['unknown service', () => submit(svc.url, 'nosuchsink', {}, { text: MODEL }), 400, /unknown service "nosuchsink"/],
  ['a sink without its connection setting', () => submit(svc.url, 'solr', {}, { text: MODEL }), 400, /the solr sink needs SOLR_URL/],
  ['no model at all', () => submit(svc.url, 'json', { rows: 1 }), 400, /no model given/],
  ['model path outside the models directories', () => submit(svc.url, 'json', { model_file: '/etc/passwd' }), 400, /neither a stored model nor a model file/],
  ['model path escaping with ..', () => submit(svc.url, 'json', { model_file: '../../../../etc/hostname' }), 400, /neither a stored model nor a model file/],
  ['output path outside the output roots', () => submit(svc.url, 'json', {}, { text: JSON.stringify({ model_name: 'x', Fields: [{ name: 'a', type: 'STRING' }], Table_Names: { LOCAL_FILE_PATH: '/etc/' } }) }), 400, /LOCAL_FILE_PATH/],
  ['formula that does not parse', () => submit(svc.url, 'json', {}, { text: JSON.stringify({ Fields: [{ name: 'a', type: 'STRING', formula: '1 +* (' }] }) }), 400, /Fields\[0\]|"a"/],
  ['CSV field reading a file outside the data directories', () => submit(svc.url, 'json', {}, { text: JSON.stringify({ Fields: [{ name: 'a', type: 'CSV', file: '/etc/passwd', separator: ':', field: 'x' }] }) }), 400, /file/],
  ['upload over the size limit', () => submit(svc.url, 'json', {}, { text: JSON.stringify({ Fields: [{ name: 'a', type: 'STRING', possible_values: Array(5000).fill('xxxxxxxx') }] }) }), 413, /larger than the limit of 20000 bytes/],
  ['unknown commandUuid', () => getJson(svc.url, '/command/getCommandStatus?commandUuid=00000000-0000-4000-8000-000000000000'), 404, /not found/],
  ['unknown commandUuid in history', () => getJson(svc.url, '/command/history?commandUuid=00000000-0000-4000-8000-000000000000', 'GET'), 404, /not found/],
  ['malformed commandUuid', () => getJson(svc.url, '/command/get?commandUuid=abc'), 400, /commandUuid must be a UUID/],
  ['missing commandUuid', () => getJson(svc.url, '/command/get'), 400, /commandUuid is required/],
  ['unknown status', () => getJson(svc.url, '/command/getByStatus?status=DONE'), 400, /QUEUED, STARTING, RUNNING, FINISHED, FAILED/],
  ['unknown route', () => getJson(svc.url, '/nope', 'GET'), 404, /no route GET \/nope/],
];

for (const [name, call, status, message] of badRequests) {
  test.serial(`bad input answers ${status} with a clear JSON error: ${name}`, async (t) => {
    const res = await call();
    t.is(res.status, status, JSON.stringify(res.body));
    t.is(res.body.commandUuid, '');
    t.regex(res.body.error, message);
  });
}

test.serial('STARTED is accepted as the original name of STARTING', async (t) => {
  const res = await getJson(svc.url, '/command/getByStatus?status=started');
  t.is(res.status, 200);
  t.true(Array.isArray(res.body));
});

test.serial('after every bad request the service is still up and no request answered 500', async (t) => {
  const health = await getJson(svc.url, '/api/v1/health/status', 'GET');
  t.is(health.status, 200);
  t.notRegex(svc.output(), /"level":50/);
});

test.serial('the same model and seed give byte-identical files whatever the threads', async (t) => {
  const model = (name: string) => JSON.stringify({ ...JSON.parse(MODEL), model_name: name });
  const one = await submit(svc.url, 'json', { rows: 500, batches: 4, threads: 1, seed: 123456789 }, { text: model('det-a') });
  const four = await submit(svc.url, 'json', { rows: 500, batches: 4, threads: 4, seed: 123456789 }, { text: model('det-b') });
  await waitForTerminal(svc.url, one.body.commandUuid);
  await waitForTerminal(svc.url, four.body.commandUuid);
  for (let b = 0; b < 4; b++) {
    const name = (m: string) => path.join(svc.dataDir, 'output', m, `${m}-${String(b).padStart(10, '0')}.json`);
    t.is(await readFile(name('det-a'), 'utf8'), await readFile(name('det-b'), 'utf8'));
  }
  const seeds = await Promise.all([one, four].map((r) => getJson(svc.url, `/command/get?commandUuid=${r.body.commandUuid}`)));
  t.deepEqual(seeds.map((s) => s.body.seed), [123456789, 123456789]);
});

test.serial('a known path with the wrong method answers 405 with Allow', async (t) => {
  const res = await fetch(`${svc.url}/command/removeScheduled?commandUuid=00000000-0000-4000-8000-000000000000`);
  t.is(res.status, 405);
  t.regex(res.headers.get('allow') ?? '', /POST/);
  const body = (await res.json()) as { error: string };
  t.regex(body.error, /method GET is not allowed on \/command\/removeScheduled; use POST/);
});

test.serial('single-file mode: batches land in one file, in batch order, assembled off the orchestrator thread', async (t) => {
  const model = (name: string) => JSON.stringify({ ...JSON.parse(MODEL), model_name: name, Options: { ONE_FILE_PER_ITERATION: false } });
  const json = await submit(svc.url, 'json', { rows: 100, batches: 3, threads: 3 }, { text: model('single-json') });
  const parquet = await submit(svc.url, 'parquet', { rows: 100, batches: 3, threads: 3 }, { text: model('single-parquet') });
  t.is((await waitForTerminal(svc.url, json.body.commandUuid)).status, 'FINISHED');
  t.is((await waitForTerminal(svc.url, parquet.body.commandUuid)).status, 'FINISHED');
  const lines = (await readFile(path.join(svc.dataDir, 'output', 'single-json', 'single-json.json'), 'utf8')).split('\n').filter(Boolean);
  t.deepEqual(lines.map((l) => JSON.parse(l).id), Array.from({ length: 300 }, (_, i) => i));
  const bytes = await readFile(path.join(svc.dataDir, 'output', 'single-parquet', 'single-parquet.parquet'));
  t.is(bytes.subarray(0, 4).toString(), 'PAR1');
  t.is(bytes.subarray(-4).toString(), 'PAR1');
});
