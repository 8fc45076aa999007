/**
 * The MySQL/MariaDB sink against a real MariaDB (test/helpers/services/mariadb.ts): rows read back with SELECT in
 * their column types, through LOAD DATA LOCAL INFILE and through multi-row INSERTs when the server has local_infile
 * off; each batch exactly once through the ledger (a redelivered batch, an aborted attempt, two attempts at once),
 * DELETE_PREVIOUS, failures naming the sink and address without the password, wrong keys 400.
 */
import { randomUUID } from 'node:crypto';
import anyTest, { type ExecutionContext, type TestFn } from 'ava';
import mysql from 'mysql2/promise';
import { BadRequestError } from '../../src/errors.js';
import type { Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { MARIADB_PASSWORD, mariadbUnavailableReason, startMariaDb, type MariaDbService } from '../helpers/services/mariadb.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const test = anyTest as TestFn;
const server = await storeForTests<MariaDbService>(test, 'mariadb', mariadbUnavailableReason, startMariaDb);
const sink = sinkFor('mysql');

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(tableNames: Record<string, string>, options: Record<string, string> = {}, properties?: Record<string, string>, commandUuid = randomUUID()): SinkContext {
  return sinkCtx(customerModel('customer', tableNames, options), properties ?? { MYSQL_URL: server.service().url }, 1_000, 3, commandUuid);
}

async function query<R = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
  const conn = await mysql.createConnection({ uri: server.service().url, timezone: 'Z', supportBigNumbers: true, bigNumberStrings: true });
  try {
    return (await conn.query(sql, params))[0] as R[];
  } finally {
    await conn.end();
  }
}

/** LOAD DATA statements the server ran so far (its Com_load counter). */
async function loads(): Promise<number> {
  const [row] = await query<{ Value: string }>("SHOW GLOBAL STATUS LIKE 'Com_load'");
  return Number(row!.Value);
}

async function count(database: string, table: string): Promise<number> {
  const [row] = await query<{ n: number }>(`SELECT count(*) AS n FROM \`${database}\`.\`${table}\``);
  return Number(row!.n);
}

async function runCommand(ctx: SinkContext, batches: number, rows: number): Promise<Row[]> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  const written: Row[] = [];
  try {
    for (let b = 0; b < batches; b++) {
      const batchRows = customerRows(b, rows);
      const result = await writeBatch(writer, b, batchRows, 400);
      if (result.rows !== rows) throw new Error(`batch ${b} reported ${result.rows} rows`);
      written.push(...batchRows);
    }
  } finally {
    await writer.close();
  }
  await sink.finalize(ctx);
  return written;
}

server.test('3 batches x 1,000 rows through LOAD DATA read back with SELECT: typed columns, the primary key, exact values', async (t) => {
  const database = uniqueName('d');
  const table = uniqueName('customers');
  const loadsBefore = await loads();
  const written = await runCommand(context({ MYSQL_DATABASE: database, MYSQL_TABLE: table }, { MYSQL_PRIMARY_KEYS: 'id' }), 3, 1_000);
  const types = await query<{ name: string; type: string; key: string }>(
    'SELECT column_name AS name, column_type AS type, column_key AS `key` FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position', [database, table]);
  t.deepEqual(types.map((c) => `${c.name} ${c.type}${c.key ? ` ${c.key}` : ''}`), [
    'id char(36) PRI', 'name text', 'email text', 'age int(11)', 'account bigint(20)', 'balance double',
    'active tinyint(1)', 'created datetime(3)', 'seen datetime(3)', 'token longblob',
  ]);
  await checkRows(t, database, table, written);
  t.is(await loads(), loadsBefore + 3, 'one LOAD DATA per batch');
  const ledger = await query<{ batch: number; rows: string }>(`SELECT batch, \`rows\` FROM \`${database}\`.datagen_batches WHERE target = ? ORDER BY batch`, [table]);
  t.deepEqual(ledger.map((l) => [l.batch, Number(l.rows)]), [[0, 1_000], [1, 1_000], [2, 1_000]]);
});

async function checkRows(t: ExecutionContext, database: string, table: string, written: Row[]): Promise<void> {
  const rows = await query<Record<string, unknown>>(`SELECT * FROM \`${database}\`.\`${table}\``);
  t.is(rows.length, written.length);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  for (const w of written) {
    const r = byId.get(w.id as string);
    if (!r) return void t.fail(`row ${w.id} missing`);
    t.deepEqual(
      [r.name, r.email, r.age, r.account, r.balance, r.active, (r.created as Date).getTime(), (r.seen as Date).getTime(), Buffer.from(r.token as Buffer).toString('hex')],
      [w.name, w.email, w.age, String(w.account), w.balance, w.active ? 1 : 0, w.created, (w.seen as Date).getTime(), Buffer.from(w.token as Uint8Array).toString('hex')],
    );
  }
  t.is(byId.get('00000000-0000-4000-8000-000000000000')!.name, `O'Neil, "Jo"\n0 é☃`);
}

server.test('with local_infile off on the server, multi-row INSERTs write the same rows', async (t) => {
  const table = uniqueName('inserts');
  await query('SET GLOBAL local_infile = 0');
  try {
    const loadsBefore = await loads();
    const written = await runCommand(context({ MYSQL_TABLE: table }), 2, 1_500);
    t.is(await loads(), loadsBefore, 'no LOAD DATA');
    await checkRows(t, 'datagen', table, written);
  } finally {
    await query('SET GLOBAL local_infile = 1');
  }
});

server.test('a redelivered batch writes nothing; an aborted attempt leaves nothing and its retry writes the batch once', async (t) => {
  const table = uniqueName('ledger');
  const ctx = context({ MYSQL_TABLE: table });
  await runCommand(ctx, 2, 500);
  const writer = await sink.open(ctx);
  try {
    t.is((await writeBatch(writer, 1, customerRows(1, 500))).rows, 500);
    t.is(await count('datagen', table), 1_000);
    const stream = await writer.begin(2, { index: 0, count: 1, firstRow: 0, rows: 500 });
    await stream.write(customerRows(2, 500).slice(0, 200));
    await stream.abort();
    t.is(await count('datagen', table), 1_000);
    t.is((await writeBatch(writer, 2, customerRows(2, 500))).rows, 500);
    t.is(await count('datagen', table), 1_500);
  } finally {
    await writer.close();
  }
});

server.test('two attempts of one batch at once (a worker thought dead): the second waits on the ledger row and writes nothing', async (t) => {
  const table = uniqueName('race');
  const ctx = context({ MYSQL_TABLE: table });
  await runCommand(ctx, 0, 0);
  const [a, b] = [await sink.open(ctx), await sink.open(ctx)];
  try {
    const rows = customerRows(0, 300);
    const first = await a.begin(0, { index: 0, count: 1, firstRow: 0, rows: 300 });
    await first.write(rows);
    const second = writeBatch(b, 0, rows);
    t.is((await first.commit()).rows, 300);
    t.is((await second).rows, 300);
    t.is(await count('datagen', table), 300);
  } finally {
    await a.close();
    await b.close();
  }
});

server.test('DELETE_PREVIOUS drops the table and its ledger rows; without it a new command appends', async (t) => {
  const table = uniqueName('again');
  await runCommand(context({ MYSQL_TABLE: table }), 2, 100);
  await runCommand(context({ MYSQL_TABLE: table }), 1, 100);
  t.is(await count('datagen', table), 300);
  const uuid = randomUUID();
  await runCommand(context({ MYSQL_TABLE: table }, { DELETE_PREVIOUS: 'true' }, undefined, uuid), 1, 100);
  t.is(await count('datagen', table), 100);
  const ledger = await query<{ command_uuid: string }>('SELECT DISTINCT command_uuid FROM datagen.datagen_batches WHERE target = ?', [table]);
  t.deepEqual(ledger.map((l) => l.command_uuid), [uuid]);
});

server.test('an unreachable server and a bad password fail naming the sink and address, never the password', async (t) => {
  const [port] = await freePorts(1);
  const down = context({ MYSQL_TABLE: 't' }, {}, { MYSQL_URL: `mysql://datagen:${MARIADB_PASSWORD}@127.0.0.1:${port}/datagen` });
  const e1 = await t.throwsAsync(sink.prepare(down));
  t.regex(e1!.message, new RegExp(`^mysql 127\\.0\\.0\\.1:${port} table datagen\\.t: preparing the table failed: .*ECONNREFUSED`));
  t.false(e1!.message.includes(MARIADB_PASSWORD));
  const { port: real } = server.service();
  const wrong = 'not-the-Password-42';
  const bad = context({ MYSQL_TABLE: 't' }, {}, { MYSQL_HOST: `127.0.0.1:${real}`, MYSQL_USER: 'datagen', MYSQL_PASSWORD: wrong });
  const e2 = await t.throwsAsync(sink.prepare(bad));
  t.regex(e2!.message, new RegExp(`^mysql 127\\.0\\.0\\.1:${real} table datagen\\.t: preparing the table failed: Access denied for user 'datagen'`));
  t.false(e2!.message.includes(wrong));
});

server.test('wrong key values are 400s naming the key', (t) => {
  const cases: Array<[Record<string, string>, Record<string, string>, Record<string, string> | undefined, RegExp]> = [
    [{}, { MYSQL_PRIMARY_KEYS: 'id,nope' }, undefined, /^Options\.MYSQL_PRIMARY_KEYS names "nope", which is not an output column/],
    [{ MYSQL_TABLE: 'bad name;' }, {}, undefined, /^Table_Names\.MYSQL_TABLE "bad name;" is not a plain table name/],
    [{ MYSQL_DATABASE: '`x`' }, {}, undefined, /^Table_Names\.MYSQL_DATABASE/],
    [{}, {}, { MYSQL_URL: 'mysql://u:pw@127.0.0.1:3306/db?socketPath=/tmp/s' }, /^MYSQL_URL may carry only sslmode/],
    [{}, {}, { MYSQL_URL: 'mysql://127.0.0.1/db', MYSQL_SSL: 'maybe' }, /^MYSQL_SSL must be one of disable, require, verify-full/],
    [{}, {}, {}, /^the mysql sink needs MYSQL_URL \(or MYSQL_HOST\)/],
  ];
  for (const [tableNames, options, props, message] of cases) {
    const err = t.throws(() => sink.validate(context(tableNames, options, props)), { instanceOf: BadRequestError });
    t.regex(err!.message, message);
    t.false(err!.message.includes(':pw@'));
  }
});
