/**
 * The Solr sink against a real SolrCloud (MiniSolrCloudCluster, two nodes, basic authentication): /select returns
 * exactly the documents written, with typed values; a redelivered batch leaves one copy; DELETE_PREVIOUS.
 */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import type { ModelDefinition, Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { solrEnv } from '../helpers/services/solr.js';
import { collections, count, fieldTypes, layout, selectAll, type SolrDoc } from '../helpers/services/solr-read.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { runSinkCommand } from '../helpers/sink-command.js';

const test = anyTest as TestFn;
const solr = await serviceForTests(test, 'solr');
const sink = sinkFor('solr');

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(model: ModelDefinition, rows: number, batches: number): SinkContext {
  return sinkCtx(model, solrEnv(solr.address()), rows, batches, randomUUID());
}

/** The customer model without its id column: document ids are then derived (or from SOLR_PRIMARY_KEY). */
function keylessModel(tableNames: Record<string, string>, options: Record<string, string> = {}): ModelDefinition {
  const m = customerModel('customer', tableNames, options);
  return { ...m, fields: m.fields.filter((f) => f.name !== 'id') };
}

const runCommand = (ctx: SinkContext, batches: number, rows: number): Promise<Row[]> => runSinkCommand(sink, ctx, { batches, rows, project: true });

/** The document Solr should return for a row: typed values as Solr writes them back in JSON. */
function expectedDoc(row: Row, id: string): Record<string, unknown> {
  return {
    id,
    ...(row.name !== undefined ? { name: row.name } : {}),
    email: row.email,
    age: row.age,
    account: row.account,
    balance: row.balance,
    active: row.active,
    created: new Date(row.created as number).toISOString(),
    seen: (row.seen as Date).toISOString(),
    token: Buffer.from(row.token as Uint8Array).toString('base64'),
  };
}

solr.test('3 batches x 1,000 rows into 2 shards: /select returns exactly those documents, typed, keyed by the id column', async (t) => {
  const collection = uniqueName('customers');
  const ctx = context(customerModel('customer', { SOLR_COLLECTION: collection }, { SOLR_SHARDS: '2', SOLR_REPLICAS: '1' }), 1_000, 3);
  const written = await runCommand(ctx, 3, 1_000);
  t.deepEqual(await layout(solr.address(), collection), { shards: 2, replicas: [1, 1] });
  const types = await fieldTypes(solr.address(), collection);
  t.like(types, { id: 'string', name: 'string', age: 'pint', account: 'plong', balance: 'pdouble', active: 'boolean', created: 'pdate', seen: 'pdate', token: 'binary' });
  const { numFound, docs } = await selectAll(solr.address(), collection);
  t.is(numFound, 3_000);
  // Solr writes dates back without a zero milliseconds part: compared as instants.
  const iso = (v: unknown) => new Date(v as string).toISOString();
  const byId = new Map<string, SolrDoc>(docs.map((d) => [d.id as string, { ...d, created: iso(d.created), seen: iso(d.seen) }]));
  for (const row of written) t.deepEqual(byId.get(row.id as string), expectedDoc(row, row.id as string));
  // A long past 2^53 comes back exact, and numbers are indexed as numbers (a range query counts them).
  t.is(byId.get(written[1]!.id as string)!.account, 9_007_199_254_740_994n);
  t.is(await count(solr.address(), collection, 'age:[30 TO 39]'), written.filter((r) => (r.age as number) >= 30 && (r.age as number) <= 39).length);
  t.is(await count(solr.address(), collection, 'active:true'), written.filter((r) => r.active).length);
});

solr.test('a redelivered batch, and an attempt abandoned mid-batch, leave one copy of each document (ids from command, batch and row)', async (t) => {
  const collection = uniqueName('again');
  const ctx = context(keylessModel({ SOLR_COLLECTION: collection }), 100, 2);
  await runCommand(ctx, 2, 100);
  const writer = await sink.open(ctx);
  // An attempt of batch 1 that wrote half its rows and failed, then the redelivery that completes it.
  const half = await writer.begin(1, { index: 0, count: 1, firstRow: 0, rows: 100 });
  await half.write(customerRows(1, 50).map(({ id: _, ...r }) => r));
  await half.abort();
  await writeBatch(writer, 1, customerRows(1, 100).map(({ id: _, ...r }) => r));
  await writer.close();
  const { numFound, docs } = await selectAll(solr.address(), collection);
  t.is(numFound, 200);
  t.deepEqual(docs.map((d) => d.id), [0, 1].flatMap((b) => Array.from({ length: 100 }, (_, i) => `${ctx.commandUuid}-${String(b).padStart(10, '0')}-${String(i).padStart(10, '0')}`)).sort());
  t.is(docs.find((d) => d.id === `${ctx.commandUuid}-0000000001-0000000007`)!.email, customerRows(1, 8)[7]!.email);
});

solr.test('DELETE_PREVIOUS deletes the collection before a command; without it a new command adds documents; SOLR_PRIMARY_KEY keys them', async (t) => {
  const collection = uniqueName('previous');
  await runCommand(context(keylessModel({ SOLR_COLLECTION: collection }), 20, 1), 1, 20);
  await runCommand(context(keylessModel({ SOLR_COLLECTION: collection }), 10, 1), 1, 10);
  t.is((await selectAll(solr.address(), collection)).numFound, 30, 'a new command without DELETE_PREVIOUS adds documents');
  const fresh = context(keylessModel({ SOLR_COLLECTION: collection }, { DELETE_PREVIOUS: 'true', SOLR_PRIMARY_KEY: 'age, account', SOLR_SHARDS: '1', SOLR_REPLICAS: '2' }), 7, 1);
  const written = await runCommand(fresh, 1, 7);
  const { docs } = await selectAll(solr.address(), collection);
  t.deepEqual(docs.map((d) => d.id), written.map((r) => `${r.age}|${r.account}`).sort());
  t.deepEqual(await layout(solr.address(), collection), { shards: 1, replicas: [2] }, 'the collection was created anew with the new layout');
  t.true((await collections(solr.address())).includes(collection));
});

solr.test('wrong credentials: prepare rejects naming the sink, its URL and the 401, without the password', async (t) => {
  const ctx = context(keylessModel({ SOLR_COLLECTION: uniqueName('denied') }), 5, 1);
  ctx.settings.properties = { ...ctx.settings.properties, SOLR_PASSWORD: 'not-the-Password-91' };
  const err = await t.throwsAsync(sink.prepare(ctx));
  t.regex(err!.message, new RegExp(`^solr ${solr.address()} collection denied_\\w+: preparing the collection failed: GET /admin/collections: HTTP 401`));
  t.false(err!.message.includes('not-the-Password-91'));
  const { SOLR_USER: _, SOLR_PASSWORD: __, ...anonymous } = ctx.settings.properties;
  const noAuth = { ...ctx, settings: { ...ctx.settings, properties: anonymous } };
  t.regex((await t.throwsAsync(sink.prepare(noAuth)))!.message, /^solr .* HTTP 401/);
});
