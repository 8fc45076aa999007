/**
 * The PostgreSQL sink against a real PostgreSQL (test/helpers/services/postgres.ts): rows read back with SELECT
 * in their column types, each batch exactly once through the ledger (a redelivered batch, an aborted attempt, two
 * attempts at once), DELETE_PREVIOUS, failures naming the sink and address without the password, wrong keys 400.
 */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import type pg from 'pg';
import { BadRequestError } from '../../src/errors.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { POSTGRES_PASSWORD, type PostgresService, postgresUnavailableReason, queryPostgres, startPostgres } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { runSqlCommand, sqlLedgerCases } from '../helpers/sql-ledger-cases.js';

const test = anyTest as TestFn;
const server = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);
const sink = sinkFor('postgresql');

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(tableNames: Record<string, string>, options: Record<string, string> = {}, properties?: Record<string, string>, commandUuid = randomUUID()): SinkContext {
  return sinkCtx(customerModel('customer', tableNames, options), properties ?? { POSTGRESQL_URL: server.service().url }, 1_000, 3, commandUuid);
}

const query = <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => queryPostgres<R>(server.service().url, sql, params);

async function count(schema: string, table: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`);
  return Number(row!.n);
}

const runCommand = (ctx: SinkContext, batches: number, rows: number) => runSqlCommand(sink, ctx, batches, rows);

server.test('3 batches x 1,000 rows read back with SELECT: typed columns, the primary key, exact values', async (t) => {
  const schema = uniqueName('s');
  const table = uniqueName('customers');
  const written = await runCommand(context({ POSTGRESQL_SCHEMA: schema, POSTGRESQL_TABLE: table }, { POSTGRESQL_PRIMARY_KEYS: 'id' }), 3, 1_000);
  const types = await query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [schema, table]);
  t.deepEqual(types.map((c) => [c.column_name, c.data_type]), [
    ['id', 'uuid'], ['name', 'text'], ['email', 'text'], ['age', 'integer'], ['account', 'bigint'], ['balance', 'double precision'],
    ['active', 'boolean'], ['created', 'timestamp with time zone'], ['seen', 'timestamp with time zone'], ['token', 'bytea'],
  ]);
  const pk = await query<{ column_name: string }>(
    `SELECT k.column_name FROM information_schema.table_constraints c JOIN information_schema.key_column_usage k USING (constraint_schema, constraint_name)
     WHERE c.table_schema = $1 AND c.table_name = $2 AND c.constraint_type = 'PRIMARY KEY'`, [schema, table]);
  t.deepEqual(pk.map((r) => r.column_name), ['id']);
  const rows = await query<Record<string, unknown>>(`SELECT id, name, email, age, account::text AS account, balance, active, created, seen, token FROM "${schema}"."${table}"`);
  t.is(rows.length, 3_000);
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  for (const w of written) {
    const r = byId.get(w.id as string);
    if (!r) return t.fail(`row ${w.id} missing`);
    t.deepEqual(
      [r.name, r.email, r.age, r.account, r.balance, r.active, (r.created as Date).getTime(), (r.seen as Date).getTime(), Buffer.from(r.token as Buffer).toString('hex')],
      [w.name, w.email, w.age, String(w.account), w.balance, w.active, w.created, (w.seen as Date).getTime(), Buffer.from(w.token as Uint8Array).toString('hex')],
    );
  }
  t.is(byId.get('00000000-0000-4000-8000-000000000000')!.name, `O'Neil, "Jo"\n0 é☃`);
  const ledger = await query<{ batch: number; rows: string }>(`SELECT batch, rows FROM "${schema}".datagen_batches WHERE target = $1 ORDER BY batch`, [table]);
  t.deepEqual(ledger.map((l) => [l.batch, Number(l.rows)]), [[0, 1_000], [1, 1_000], [2, 1_000]]);
});

sqlLedgerCases({
  test: server.test,
  sink,
  tableKey: 'POSTGRESQL_TABLE',
  context,
  count: (table) => count('public', table),
  ledgerCommands: async (table) => (await query<{ command_uuid: string }>('SELECT DISTINCT command_uuid FROM public.datagen_batches WHERE target = $1', [table])).map((l) => l.command_uuid),
});

server.test('an unreachable server and a bad password fail naming the sink and address, never the password', async (t) => {
  const [port] = await freePorts(1);
  const down = context({ POSTGRESQL_TABLE: 't' }, {}, { POSTGRESQL_URL: `postgresql://datagen:${POSTGRES_PASSWORD}@127.0.0.1:${port}/postgres` });
  const e1 = await t.throwsAsync(sink.prepare(down));
  t.regex(e1!.message, new RegExp(`^postgresql 127\\.0\\.0\\.1:${port} table public\\.t: preparing the table failed: .*ECONNREFUSED`));
  t.false(e1!.message.includes(POSTGRES_PASSWORD));
  const { port: real } = server.service();
  const wrong = 'not-the-Password-42';
  const bad = context({ POSTGRESQL_TABLE: 't' }, {}, { POSTGRESQL_HOST: `127.0.0.1:${real}`, POSTGRESQL_USER: 'datagen', POSTGRESQL_PASSWORD: wrong });
  const e2 = await t.throwsAsync(sink.prepare(bad));
  t.regex(e2!.message, new RegExp(`^postgresql 127\\.0\\.0\\.1:${real} table public\\.t: preparing the table failed: password authentication failed for user "datagen"`));
  t.false(e2!.message.includes(wrong));
  const e3 = await t.throwsAsync(sink.open(bad).then((w) => w.begin(0, { index: 0, count: 1, firstRow: 0, rows: 1 })));
  t.regex(e3!.message, /^postgresql .* starting batch 0 failed: password authentication failed/);
});

server.test('wrong key values are 400s naming the key', (t) => {
  const cases: Array<[Record<string, string>, Record<string, string>, Record<string, string> | undefined, RegExp]> = [
    [{}, { POSTGRESQL_PRIMARY_KEYS: 'id,nope' }, undefined, /^Options\.POSTGRESQL_PRIMARY_KEYS names "nope", which is not an output column/],
    [{ POSTGRESQL_TABLE: 'bad name;' }, {}, undefined, /^Table_Names\.POSTGRESQL_TABLE "bad name;" is not a plain table name/],
    [{ POSTGRESQL_SCHEMA: '"x"' }, {}, undefined, /^Table_Names\.POSTGRESQL_SCHEMA/],
    [{}, { DELETE_PREVIOUS: 'yes' }, undefined, /^Options\.DELETE_PREVIOUS must be true or false/],
    [{}, {}, { POSTGRESQL_URL: 'postgresql://u:pw@127.0.0.1:5432/db?host=/tmp' }, /^POSTGRESQL_URL may carry only sslmode/],
    [{}, {}, { POSTGRESQL_URL: 'postgresql://127.0.0.1:5432/db', POSTGRESQL_SSL: 'maybe' }, /^POSTGRESQL_SSL must be one of disable, require, verify-full/],
    [{}, {}, {}, /^the postgresql sink needs POSTGRESQL_URL \(or POSTGRESQL_HOST\)/],
  ];
  for (const [tableNames, options, props, message] of cases) {
    const err = t.throws(() => sink.validate(context(tableNames, options, props)), { instanceOf: BadRequestError });
    t.regex(err!.message, message);
    t.false(err!.message.includes(':pw@'));
  }
});
