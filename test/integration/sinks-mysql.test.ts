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
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { MARIADB_PASSWORD, mariadbUnavailableReason, startMariaDb, type MariaDbService } from '../helpers/services/mariadb.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { runSqlCommand, sqlLedgerCases } from '../helpers/sql-ledger-cases.js';

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

const runCommand = (ctx: SinkContext, batches: number, rows: number) => runSqlCommand(sink, ctx, batches, rows);

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

sqlLedgerCases({
  test: server.test,
  sink,
  tableKey: 'MYSQL_TABLE',
  context,
  count: (table) => count('datagen', table),
  ledgerCommands: async (table) => (await query<{ command_uuid: string }>('SELECT DISTINCT command_uuid FROM datagen.datagen_batches WHERE target = ?', [table])).map((l) => l.command_uuid),
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
