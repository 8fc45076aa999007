/** The HBase sink against a real standalone HBase and its REST gateway: a scan returns exactly the rows written. */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import type { Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { decodeWithHBaseBytes, scanTable, scanTableBytes, tableFamilies, type BytesKind } from '../helpers/services/hbase-read.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { runSinkCommand } from '../helpers/sink-command.js';

const test = anyTest as TestFn;
const hbase = await serviceForTests(test, 'hbase');
const sink = sinkFor('hbase');

const runCommand = (ctx: SinkContext, batches: number, rows: number): Promise<Row[]> => runSinkCommand(sink, ctx, { batches, rows });

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(tableNames: Record<string, string>, options: Record<string, string>, rows = 1_000, batches = 5): SinkContext {
  return sinkCtx(customerModel('customer', tableNames, options), { HBASE_REST_URL: hbase.address() }, rows, batches, randomUUID());
}

/** The cells the sink should store for a row: text forms, families from the mapping, everything else in cq. */
function expectedCells(row: Row, familyOf: Record<string, string>): Map<string, string> {
  const text = (v: Row[string]) =>
    v instanceof Date ? v.toISOString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex').toUpperCase() : String(v);
  return new Map(Object.entries(row).map(([k, v]) => [`${familyOf[k] ?? 'cq'}:${k}`, text(v)]));
}

hbase.test('5 batches x 1,000 rows as text: a scan returns exactly those rows, keyed by HBASE_PRIMARY_KEY, with mapped families', async (t) => {
  const ns = uniqueName('ns');
  const table = uniqueName('customers');
  const ctx = context(
    { HBASE_NAMESPACE: ns, HBASE_TABLE_NAME: table },
    { HBASE_PRIMARY_KEY: 'id', HBASE_COLUMN_FAMILIES_MAPPING: 'info:name,email;stats:age,balance', HBASE_VALUE_ENCODING: 'text' },
  );
  const written = await runCommand(ctx, 5, 1_000);
  t.deepEqual(await tableFamilies(hbase.address(), `${ns}:${table}`), ['cq', 'info', 'stats']);
  const content = await scanTable(hbase.address(), `${ns}:${table}`);
  t.is(content.size, 5_000);
  const familyOf = { name: 'info', email: 'info', age: 'stats', balance: 'stats' };
  for (const row of written) {
    const cells = content.get(String(row.id));
    if (!cells) return t.fail(`row ${row.id} missing`);
    t.deepEqual(Object.fromEntries(cells), Object.fromEntries(expectedCells(row, familyOf)));
  }
  // Spot-check text forms explicitly.
  const first = content.get(String(written[1]!.id))!;
  t.is(first.get('cq:account'), '9007199254740994');
  t.is(first.get('cq:token'), '0100AB00');
  t.is(first.get('cq:active'), 'false');
  t.is(first.get('cq:seen'), '2024-01-01T00:00:01.000Z');
});

hbase.test('by default each value is stored as HBase Bytes.toBytes of its type, as the original, and HBase Bytes reads them back', async (t) => {
  const table = uniqueName('binary');
  const written = await runCommand(context({ HBASE_TABLE_NAME: table }, { HBASE_PRIMARY_KEY: 'id' }), 2, 200);
  const content = await scanTableBytes(hbase.address(), table);
  t.is(content.size, 400);
  const kinds: [string, BytesKind][] = [['age', 'int'], ['account', 'long'], ['created', 'long'], ['balance', 'float'], ['active', 'boolean'], ['name', 'string'], ['seen', 'string']];
  const sample = written.filter((_, i) => i % 7 === 0);
  const cells: [BytesKind, Buffer][] = sample.flatMap((row) => kinds.map(([column, kind]) => [kind, content.get(String(row.id))!.get(`cq:${column}`)!] as [BytesKind, Buffer]));
  const decoded = await decodeWithHBaseBytes(cells);
  let i = 0;
  for (const row of sample) {
    const got = Object.fromEntries(kinds.map(([column]) => [column, decoded[i++]!]));
    t.is(got.age, String(row.age));
    t.is(got.account, String(row.account));
    t.is(got.created, String(row.created));
    t.is(Math.fround(Number(got.balance)), Math.fround(row.balance as number), 'FLOAT: a 4-byte IEEE float');
    t.is(got.active, String(row.active));
    t.is(got.name, String(row.name));
    t.is(got.seen, (row.seen as Date).toISOString(), 'dates keep their string form');
    t.deepEqual(content.get(String(row.id))!.get('cq:token'), Buffer.from(row.token as Uint8Array), 'BYTES: the raw bytes');
  }
  t.is(content.get(String(sample[0]!.id))!.get('cq:age')!.length, 4);
  t.is(content.get(String(sample[0]!.id))!.get('cq:account')!.length, 8);
});

hbase.test('a composite HBASE_PRIMARY_KEY joins the columns with "|" in the default namespace', async (t) => {
  const table = uniqueName('composite');
  const written = await runCommand(context({ HBASE_TABLE_NAME: table }, { HBASE_PRIMARY_KEY: 'age, account' }), 2, 50);
  const content = await scanTable(hbase.address(), table);
  t.deepEqual([...content.keys()].sort(), written.map((r) => `${r.age}|${r.account}`).sort());
  t.deepEqual(await tableFamilies(hbase.address(), table), ['cq']);
});

hbase.test('a redelivered batch overwrites its own rows; DELETE_PREVIOUS drops the table before a command', async (t) => {
  const table = uniqueName('again');
  const ctx = context({ HBASE_TABLE_NAME: table }, {}, 100, 2);
  await runCommand(ctx, 2, 100);
  // Redelivery of batch 1 with the same command: the same derived keys, so no new rows.
  const writer = await sink.open(ctx);
  await writeBatch(writer, 1, customerRows(1, 100));
  await writer.close();
  const content = await scanTable(hbase.address(), table);
  t.is(content.size, 200);
  t.true([...content.keys()].every((k) => k.startsWith(`${ctx.commandUuid}-`)), 'without HBASE_PRIMARY_KEY keys derive from command, batch and row');

  await runCommand(context({ HBASE_TABLE_NAME: table }, {}, 10, 1), 1, 10);
  t.is((await scanTable(hbase.address(), table)).size, 210, 'a new command without DELETE_PREVIOUS adds rows');
  const fresh = context({ HBASE_TABLE_NAME: table }, { DELETE_PREVIOUS: 'true', HBASE_PRIMARY_KEY: 'email' }, 7, 1);
  const written = await runCommand(fresh, 1, 7);
  const after = await scanTable(hbase.address(), table);
  t.deepEqual([...after.keys()].sort(), written.map((r) => String(r.email)).sort());
});
