/**
 * The whole pipeline into a real SolrCloud (MiniSolrCloudCluster, basic auth): POST /datagen/solr on a running
 * service whose environment names only SOLR_URL, the credentials given per command (SOLR_PASSWORD a secret);
 * documents read back by /select; a worker SIGKILLed mid-batch leaves one copy of every row. Failures (wrong password, a closed port) FAIL the command naming the sink and its
 * address with the password nowhere; wrong model keys answer 400 naming them.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import anyTest, { type TestFn } from 'ava';
import { lakeService } from '../helpers/lake-e2e.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { getJson, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { SOLR_TEST_PASSWORD, SOLR_TEST_USER, solrEnv } from '../helpers/services/solr.js';
import { count, fieldTypes, layout, selectAll } from '../helpers/services/solr-read.js';

const test = anyTest as TestFn;
const solr = await serviceForTests(test, 'solr');
const { service, closedPort } = lakeService(test, () => ({ SOLR_URL: solr.address() }));

const ROWS = 40;
const BATCHES = 3;
const CREDENTIALS = { SOLR_USER: SOLR_TEST_USER, SOLR_PASSWORD: SOLR_TEST_PASSWORD };
const unique = (what: string) => `e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function run(svc: ServiceProcess, model: string, fields: Record<string, string | number>, properties: Record<string, string> = CREDENTIALS, service = 'solr') {
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, threads: 2, seed: 20261201, ...fields, extraProperties: JSON.stringify(properties) }, { text: model });
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
  return { res, status };
}

function assertSecretNowhere(t: { false: (v: boolean, m: string) => void }, svc: ServiceProcess, texts: Record<string, unknown>): void {
  for (const [where, value] of Object.entries({ ...texts, log: svc.output() })) {
    t.false((typeof value === 'string' ? value : JSON.stringify(value)).includes(SOLR_TEST_PASSWORD), `the password appears in the ${where}`);
  }
}

solr.test('POST /datagen/solr: the collection holds exactly the seeded rows, typed, keyed by SOLR_PRIMARY_KEY; DELETE_PREVIOUS starts it anew', async (t) => {
  const svc = service();
  const collection = unique('customers');
  const model = await customerModel({ SOLR_COLLECTION: collection }, { SOLR_SHARDS: '2', SOLR_REPLICAS: '1', SOLR_PRIMARY_KEY: 'customer_id' });
  const { res, status } = await run(svc, model, {});
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  t.is(status.rowsWritten, ROWS * BATCHES);
  t.deepEqual(await layout(solr.address(), collection), { shards: 2, replicas: [1, 1] });
  t.like(await fieldTypes(solr.address(), collection), { customer_id: 'pint', first_name: 'string', birthdate: 'string', balance: 'pdouble', active: 'boolean' });
  const { numFound, docs } = await selectAll(solr.address(), collection);
  t.is(numFound, ROWS * BATCHES);
  const ids = Array.from({ length: ROWS * BATCHES }, (_, i) => String(1_000_000 + i));
  t.deepEqual(docs.map((d) => d.id).sort(), [...ids].sort());
  for (const d of docs) {
    t.is(d.customer_id, Number(d.id));
    t.deepEqual(Object.keys(d).sort(), ['active', 'balance', 'birthdate', 'city', 'country', 'customer_id', 'email', 'first_name', 'id', 'membership', 'phone']);
    t.true(typeof d.balance === 'number' && d.balance >= 0 && d.balance < 25_000, JSON.stringify(d));
    t.is(typeof d.active, 'boolean');
    t.regex(d.birthdate as string, /^\d{4}-\d{2}-\d{2}$/);
    t.is(d.country, 'USA');
  }
  t.is(await count(solr.address(), collection, 'customer_id:[1000000 TO 1000039]'), ROWS, 'the first batch by a numeric range');
  const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
  assertSecretNowhere(t, svc, { answer: res.body, status, history });

  const again = await run(svc, await customerModel({ SOLR_COLLECTION: collection }, { DELETE_PREVIOUS: 'true' }), { rows: 5, batches: 1 });
  t.is(again.status.status, 'FINISHED', JSON.stringify(again.status));
  // Without SOLR_PRIMARY_KEY the ids derive from the command; the old documents are gone with the collection.
  const after = await selectAll(solr.address(), collection);
  t.is(after.numFound, 5);
  t.true(after.docs.every((d) => (d.id as string).startsWith(`${again.res.body.commandUuid}-0000000000-`)), JSON.stringify(after.docs.map((d) => d.id)));
  t.deepEqual(await layout(solr.address(), collection), { shards: 1, replicas: [1] });
});

solr.test('POST /datagen/multipleconnectors with json and solr: the collection holds the same rows as the json files', async (t) => {
  const svc = service();
  const collection = unique('multi');
  const dir = unique('multi');
  const model = await customerModel({ SOLR_COLLECTION: collection, LOCAL_FILE_PATH: `output/${dir}/`, LOCAL_FILE_NAME: 'cust' }, { SOLR_PRIMARY_KEY: 'customer_id' });
  const { status } = await run(svc, model, { connectors: 'json,solr' }, CREDENTIALS, 'multipleconnectors');
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const files = (await readdir(path.join(svc.dataDir, 'output', dir))).sort();
  t.is(files.length, BATCHES);
  const lines = (await Promise.all(files.map((f) => readFile(path.join(svc.dataDir, 'output', dir, f), 'utf8')))).flatMap((text) => text.split('\n').filter(Boolean));
  const fromJson = new Map(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((r) => [String(r.customer_id), r]));
  const { numFound, docs } = await selectAll(solr.address(), collection);
  t.is(numFound, ROWS * BATCHES);
  t.deepEqual(docs.map((d) => d.id).sort(), [...fromJson.keys()].sort());
  for (const d of docs) {
    const row = fromJson.get(d.id as string)!;
    t.like(d, { email: row.email, first_name: row.first_name, balance: row.balance, active: row.active, birthdate: row.birthdate });
  }
});

/** Batches long enough (a few seconds each here) that the worker is killed while it writes one. */
const KILL_BATCHES = 4;
const KILL_ROWS = 5_000;
const killModel = (collection: string) => JSON.stringify({
  model_name: 'solr-crash',
  Fields: [
    { name: 'n', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
    { name: 'b', type: 'STRING', length: 60 },
  ],
  Table_Names: { SOLR_COLLECTION: collection },
});

solr.test('a worker SIGKILLed in the middle of a batch, the batch redelivered: exactly one document per row (ids from command, batch and row)', async (t) => {
  const collection = unique('crash');
  const { status, workers } = await runWithKilledWorker(solrEnv(solr.address()), 'solr', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, killModel(collection));
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const { numFound, docs } = await selectAll(solr.address(), collection);
  t.is(numFound, KILL_BATCHES * KILL_ROWS);
  const ns = docs.map((d) => Number(d.n)).sort((a, b) => a - b);
  t.deepEqual(ns, Array.from({ length: KILL_BATCHES * KILL_ROWS }, (_, i) => i), 'each row once');
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});

const failures: Array<[string, () => Record<string, string>, () => string[]]> = [
  ['a wrong password', () => ({ SOLR_USER: SOLR_TEST_USER, SOLR_PASSWORD: 'Wrong-pa55-for-e2e' }), () => [solr.address(), 'HTTP 401']],
  ['no credentials', () => ({}), () => [solr.address(), 'HTTP 401']],
  ['a closed port', () => ({ ...CREDENTIALS, SOLR_URL: `http://127.0.0.1:${closedPort()}/solr` }), () => [`http://127.0.0.1:${closedPort()}/solr`, 'ECONNREFUSED']],
];
for (const [title, properties, names] of failures) {
  solr.test(`POST /datagen/solr with ${title} FAILS the command, naming the sink and its address, no secret anywhere`, async (t) => {
    const svc = service();
    const props = properties();
    const { res, status } = await run(svc, await customerModel({ SOLR_COLLECTION: unique('fail') }), { rows: 5, batches: 1 }, props);
    t.is(status.status, 'FAILED', JSON.stringify(status));
    t.regex(status.comment, /(^|\W)solr /, status.comment);
    for (const name of names()) t.true(status.comment.includes(name), `${status.comment} names ${name}`);
    const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
    t.false(history.events.some((e: { type: string }) => e.type === 'finished'));
    assertSecretNowhere(t, svc, { answer: res.body, status, history });
    if (props.SOLR_PASSWORD) {
      for (const [where, value] of Object.entries({ answer: res.body, status, history, log: svc.output() })) {
        t.false((typeof value === 'string' ? value : JSON.stringify(value)).includes(props.SOLR_PASSWORD), `the wrong password appears in the ${where}`);
      }
    }
  });
}

const badKeys: Array<[Record<string, string>, Record<string, string>, string]> = [
  [{}, { SOLR_SHARDS: '0' }, 'Options.SOLR_SHARDS'],
  [{}, { SOLR_REPLICAS: 'two' }, 'Options.SOLR_REPLICAS'],
  [{ SOLR_COLLECTION: 'bad/name' }, {}, 'Table_Names.SOLR_COLLECTION'],
  [{}, { SOLR_PRIMARY_KEY: 'nope' }, 'Options.SOLR_PRIMARY_KEY'],
  [{ SOLR_USE_KERBEROS: 'true' }, {}, 'Table_Names.SOLR_USE_KERBEROS'],
];
for (const [tableNames, options, field] of badKeys) {
  solr.test(`POST /datagen/solr with a wrong ${field} (${JSON.stringify({ ...tableNames, ...options })}) answers 400 naming the key`, async (t) => {
    const model = await customerModel({ SOLR_COLLECTION: unique('bad'), ...tableNames }, options);
    const res = await submit(service().url, 'solr', { rows: 5, batches: 1, extraProperties: JSON.stringify(CREDENTIALS) }, { text: model });
    t.is(res.status, 400, JSON.stringify(res.body));
    t.true(res.body.error.includes(field), res.body.error);
  });
}
