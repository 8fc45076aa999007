/**
 * The Kudu sink against a real Kudu (kudu-binary's master and tablet server), through the bridge it starts: rows
 * read back with the kudu CLI (count, columns, types, values), the table's layout, a redelivered batch and a
 * killed bridge leaving one row per key, the bridge ending with its process, DELETE_PREVIOUS, range partitions, an
 * unreachable master, the flush modes. Wrong keys:
 * test/unit/sinks/kudu-options.test.ts.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import type { ModelDefinition, Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { bridgeDir } from '../../src/sinks/kudu/bridge-build.js';
import { bridgePid, bridgeSocket, stopKuduBridge } from '../../src/sinks/kudu/bridge-host.js';
import { isAlive } from '../helpers/services/jvm.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { kuduUnavailableReason, startKudu } from '../helpers/services/kudu.js';
import { kuduDescribe, kuduRows, kuduTables, type KuduCell } from '../helpers/services/kudu-read.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { runSinkCommand } from '../helpers/sink-command.js';

const test = anyTest as TestFn;
const kudu = await storeForTests(test, 'kudu', kuduUnavailableReason, () => startKudu());
const sink = sinkFor('kudu');
test.after.always('stop the bridge', () => stopKuduBridge());

const uniqueName = (prefix: string) => `datagen.${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(model: ModelDefinition, rows: number, batches: number, commandUuid = randomUUID()): SinkContext {
  return sinkCtx(model, kudu.service().env, rows, batches, commandUuid);
}

const runCommand = (ctx: SinkContext, batches: number, rows: number): Promise<Row[]> => runSinkCommand(sink, ctx, { batches, rows, project: true });

const micros = (ms: number) => new Date(ms).toISOString().replace('Z', '000Z');

/** The row as the kudu CLI prints it back. */
function expected(row: Row): Record<string, KuduCell> {
  return {
    id: { type: 'string', value: row.id as string },
    name: { type: 'string', value: row.name as string },
    email: { type: 'string', value: row.email as string },
    age: { type: 'int32', value: String(row.age) },
    account: { type: 'int64', value: String(row.account) },
    balance: { type: 'double', value: String(row.balance) },
    active: { type: 'bool', value: String(row.active) },
    created: { type: 'unixtime_micros', value: micros(row.created as number) },
    seen: { type: 'unixtime_micros', value: micros((row.seen as Date).getTime()) },
    token: { type: 'binary', value: Buffer.from(row.token as Uint8Array) },
  };
}

kudu.test('3 batches x 1,000 rows keyed by id: the scan returns exactly those rows, typed, timestamps in microseconds', async (t) => {
  const table = uniqueName('customers');
  const ctx = context(customerModel('customer', { KUDU_TABLE_NAME: table }, { KUDU_PRIMARY_KEYS: 'id', KUDU_HASH_KEYS: 'id', KUDU_BUCKETS: '4' }), 1_000, 3);
  const written = await runCommand(ctx, 3, 1_000);
  const describe = await kuduDescribe(kudu.service().masters, table);
  t.regex(describe, /id STRING NOT NULL,\s+name STRING NULLABLE,\s+email STRING NULLABLE,\s+age INT32 NULLABLE,\s+account INT64 NULLABLE,\s+balance DOUBLE NULLABLE,\s+active BOOL NULLABLE,\s+created UNIXTIME_MICROS NULLABLE,\s+seen UNIXTIME_MICROS NULLABLE,\s+token BINARY NULLABLE,\s+PRIMARY KEY \(id\)/);
  t.regex(describe, /HASH \(id\) PARTITIONS 4/);
  const rows = await kuduRows(kudu.service().masters, table);
  t.is(rows.length, 3_000);
  const byId = new Map(rows.map((r) => [r.id!.value as string, r]));
  for (const row of written) t.deepEqual(byId.get(row.id as string), expected(row));
  // created is epoch ms 1_700_000_000_000 + n: microseconds, not the original's milliseconds x 10^6.
  t.is(byId.get('00000000-0000-4000-8000-000000000001')!.created!.value, '2023-11-14T22:13:20.001000Z');
});

kudu.test('without KUDU_PRIMARY_KEYS the key is datagen_row_id (command, batch, row): a redelivered batch adds no row; BIRTHDATE is a DATE', async (t) => {
  const table = uniqueName('keyless');
  const model: ModelDefinition = {
    name: 'people',
    fields: [
      { name: 'name', type: 'STRING', ghost: false, props: {} },
      { name: 'born', type: 'BIRTHDATE', ghost: false, props: {} },
    ],
    tableNames: { KUDU_TABLE_NAME: table },
    options: { KUDU_BUCKETS: '2' },
    primaryKeys: {},
  };
  const ctx = context(model, 3, 2);
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const rows = (b: number) => [0, 1, 2].map((i) => ({ name: `p${b}-${i}`, born: `19${70 + i}-0${i + 1}-15` }));
  await writeBatch(writer, 0, rows(0));
  await writeBatch(writer, 1, rows(1));
  await writeBatch(writer, 1, rows(1)); // redelivered
  await writer.close();
  const back = await kuduRows(kudu.service().masters, table);
  t.is(back.length, 6);
  const row = back.find((r) => r.name!.value === 'p1-2')!;
  t.deepEqual(row, {
    datagen_row_id: { type: 'string', value: `${ctx.commandUuid}-0000000001-0000000002` },
    name: { type: 'string', value: 'p1-2' },
    born: { type: 'date', value: '1972-03-15' },
  });
  t.regex(await kuduDescribe(kudu.service().masters, table), /datagen_row_id STRING NOT NULL[\s\S]*born DATE NULLABLE[\s\S]*HASH \(datagen_row_id\) PARTITIONS 2/);
});

kudu.test('DELETE_PREVIOUS drops the table first: only the second command\'s rows remain', async (t) => {
  const table = uniqueName('again');
  const options = { KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '2' };
  await runCommand(context(customerModel('customer', { KUDU_TABLE_NAME: table }, options), 100, 2), 2, 100);
  t.is((await kuduRows(kudu.service().masters, table)).length, 200);
  await runCommand(context(customerModel('customer', { KUDU_TABLE_NAME: table }, { ...options, DELETE_PREVIOUS: 'true' }), 50, 1), 1, 50);
  const rows = await kuduRows(kudu.service().masters, table);
  t.is(rows.length, 50);
  // Without DELETE_PREVIOUS the table stays and rows are upserted by key: batch 0 again changes nothing.
  await runCommand(context(customerModel('customer', { KUDU_TABLE_NAME: table }, options), 50, 1), 1, 50);
  t.is((await kuduRows(kudu.service().masters, table)).length, 50);
});

kudu.test('a bridge killed mid-batch fails that attempt naming the sink; the retry starts a new bridge and leaves one row per key', async (t) => {
  const table = uniqueName('killed');
  const ctx = context(customerModel('customer', { KUDU_TABLE_NAME: table }, { KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '2' }), 2_000, 1);
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const rows = customerRows(0, 2_000);
  const attempt = await writer.begin(0, { index: 0, count: 1, firstRow: 0, rows: 2_000 });
  await attempt.write(rows.slice(0, 1_000));
  const first = bridgePid();
  t.truthy(first);
  process.kill(first!, 'SIGKILL');
  // The chunk in flight, or the next one, meets the dead bridge: the attempt does not commit.
  const err = await t.throwsAsync(async () => {
    await attempt.write(rows.slice(1_000));
    await attempt.commit();
  });
  t.regex(err!.message, new RegExp(`^kudu ${kudu.service().masters} table ${table.replace('.', '\\.')}: writing batch 0 failed: the kudu bridge`));
  await attempt.abort();
  // The redelivered batch, whole.
  t.is((await writeBatch(writer, 0, rows)).rows, 2_000);
  t.not(bridgePid(), first);
  await writer.close();
  const back = await kuduRows(kudu.service().masters, table);
  t.is(back.length, 2_000);
  t.is(new Set(back.map((r) => r.id!.value)).size, 2_000);
});

kudu.test('the bridge dies with its process: a process SIGKILLed while its bridge runs leaves no bridge behind', async (t) => {
  // A stand-in for a worker: starts this process's bridge, prints its pid, then waits to be killed.
  const host = new URL('../../src/sinks/kudu/bridge-host.ts', import.meta.url).href;
  const dir = bridgeDir(kudu.service().env);
  const code = `const m = await import(${JSON.stringify(host)}); await m.bridgeSocket(${JSON.stringify(dir)}); console.log('bridge', m.bridgePid()); setInterval(() => {}, 60_000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /bridge (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`the stand-in exited (${code}) before its bridge ran: ${out}`)));
  });
  t.true(isAlive(pid));
  child.kill('SIGKILL');
  // Its stdin closed with the process: the bridge exits on its own.
  for (const deadline = Date.now() + 30_000; isAlive(pid) && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  t.false(isAlive(pid), `bridge ${pid} still runs after its process was killed`);
});

kudu.test('stopping the activities stops the bridge; the next request starts another', async (t) => {
  const dir = bridgeDir(kudu.service().env);
  await bridgeSocket(dir);
  const pid = bridgePid()!;
  t.true(isAlive(pid));
  await stopKuduBridge();
  t.false(isAlive(pid));
  t.is(bridgePid(), undefined);
  await bridgeSocket(dir);
  t.not(bridgePid(), undefined);
});

kudu.test('an unreachable master fails prepare naming the sink and the masters', async (t) => {
  const [port] = await freePorts(1);
  const masters = `127.0.0.1:${port}`;
  const model = customerModel('customer', { KUDU_TABLE_NAME: 'datagen.nowhere' }, { KUDU_PRIMARY_KEYS: 'id' });
  const ctx = sinkCtx(model, { KUDU_MASTERS: masters }, 10, 1, randomUUID());
  const err = await t.throwsAsync(sink.prepare(ctx));
  t.regex(err!.message, new RegExp(`^kudu ${masters} table datagen\\.nowhere: preparing the table failed: `));
  t.false((await kuduTables(kudu.service().masters)).includes('datagen.nowhere'));
});

kudu.test('KUDU_RANGE_KEYS on a column with possible values: one range partition per value, hashed within; every row lands', async (t) => {
  const table = uniqueName('ranged');
  const model: ModelDefinition = {
    name: 'sales',
    fields: [
      { name: 'region', type: 'STRING', ghost: false, props: { possible_values: ['north', 'east', 'south'] } },
      { name: 'n', type: 'LONG', ghost: false, props: {} },
    ],
    tableNames: { KUDU_TABLE_NAME: table },
    options: { KUDU_PRIMARY_KEYS: 'region,n', KUDU_RANGE_KEYS: 'region', KUDU_HASH_KEYS: 'n', KUDU_BUCKETS: '2' },
    primaryKeys: {},
  };
  const ctx = context(model, 30, 1);
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const rows = Array.from({ length: 30 }, (_, i) => ({ region: ['north', 'east', 'south'][i % 3]!, n: i }));
  await writeBatch(writer, 0, rows);
  await writer.close();
  const describe = await kuduDescribe(kudu.service().masters, table);
  t.regex(describe, /HASH \(n\) PARTITIONS 2,\s+RANGE \(region\) \(\s+PARTITION VALUES < "north",\s+PARTITION "north" <= VALUES < "south",\s+PARTITION "south" <= VALUES\s+\)/);
  t.is((await kuduRows(kudu.service().masters, table)).length, 30);
});

kudu.test('AUTO_FLUSH_BACKGROUND and a small KUDU_BUFFER write every row too', async (t) => {
  const table = uniqueName('flush');
  const ctx = context(customerModel('customer', { KUDU_TABLE_NAME: table }, { KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '2', KUDU_FLUSH: 'AUTO_FLUSH_BACKGROUND', KUDU_BUFFER: '100' }), 1_500, 1);
  await runCommand(ctx, 1, 1_500);
  const manual = uniqueName('manual');
  await runCommand(context(customerModel('customer', { KUDU_TABLE_NAME: manual }, { KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '2', KUDU_BUFFER: '100' }), 1_500, 1), 1, 1_500);
  t.is((await kuduRows(kudu.service().masters, table)).length, 1_500);
  t.is((await kuduRows(kudu.service().masters, manual)).length, 1_500);
});
