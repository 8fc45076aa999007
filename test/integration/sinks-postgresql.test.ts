/**
 * The PostgreSQL sink against a real PostgreSQL (test/helpers/services/postgres.ts): rows read back with SELECT
 * in their column types, each batch exactly once through the ledger (a redelivered batch, an aborted attempt, two
 * attempts at once), DELETE_PREVIOUS, failures naming the sink and address without the password, wrong keys 400.
 */
import { randomUUID } from 'node:crypto';
import anyTest, { type TestFn } from 'ava';
import pg from 'pg';
import { BadRequestError } from '../../src/errors.js';
import type { Row } from '../../src/model/types.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { writeBatch } from '../../src/sinks/write-batch.js';
import { customerModel, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { POSTGRES_PASSWORD, postgresUnavailableReason, startPostgres, type PostgresService } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const test = anyTest as TestFn;
const server = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);
const sink = sinkFor('postgresql');

const uniqueName = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function context(tableNames: Record<string, string>, options: Record<string, string> = {}, properties?: Record<string, string>, commandUuid = randomUUID()): SinkContext {
  return sinkCtx(customerModel('customer', tableNames, options), properties ?? { POSTGRESQL_URL: server.service().url }, 1_000, 3, commandUuid);
}

async function query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: server.service().url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function count(schema: string, table: string): Promise<number> {
  const [row] = await query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}"."${table}"`);
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

server.test('a redelivered batch writes nothing; an aborted attempt leaves nothing and its retry writes the batch once', async (t) => {
  const table = uniqueName('ledger');
  const ctx = context({ POSTGRESQL_TABLE: table });
  await runCommand(ctx, 2, 500);
  const writer = await sink.open(ctx);
  try {
    // Batch 1 again (a worker died after COMMIT, before its ack): the ledger has it.
    const again = await writeBatch(writer, 1, customerRows(1, 500));
    t.is(again.rows, 500);
    t.is(await count('public', table), 1_000);
    // Batch 2: an attempt dies mid-stream, then the retry.
    const stream = await writer.begin(2, { index: 0, count: 1, firstRow: 0, rows: 500 });
    await stream.write(customerRows(2, 500).slice(0, 200));
    await stream.abort();
    t.is(await count('public', table), 1_000);
    t.is((await writeBatch(writer, 2, customerRows(2, 500))).rows, 500);
    t.is(await count('public', table), 1_500);
  } finally {
    await writer.close();
  }
});

server.test('two attempts of one batch at once (a worker thought dead): the second waits on the ledger row and writes nothing', async (t) => {
  const table = uniqueName('race');
  const ctx = context({ POSTGRESQL_TABLE: table });
  await runCommand(ctx, 0, 0);
  const [a, b] = [await sink.open(ctx), await sink.open(ctx)];
  try {
    const rows = customerRows(0, 300);
    const first = await a.begin(0, { index: 0, count: 1, firstRow: 0, rows: 300 });
    await first.write(rows);
    const second = writeBatch(b, 0, rows);
    t.is((await first.commit()).rows, 300);
    t.is((await second).rows, 300);
    t.is(await count('public', table), 300);
  } finally {
    await a.close();
    await b.close();
  }
});

server.test('DELETE_PREVIOUS drops the table and its ledger rows; without it a new command appends', async (t) => {
  const table = uniqueName('again');
  await runCommand(context({ POSTGRESQL_TABLE: table }), 2, 100);
  await runCommand(context({ POSTGRESQL_TABLE: table }), 1, 100);
  t.is(await count('public', table), 300);
  const uuid = randomUUID();
  await runCommand(context({ POSTGRESQL_TABLE: table }, { DELETE_PREVIOUS: 'true' }, undefined, uuid), 1, 100);
  t.is(await count('public', table), 100);
  const ledger = await query<{ command_uuid: string }>('SELECT DISTINCT command_uuid FROM public.datagen_batches WHERE target = $1', [table]);
  t.deepEqual(ledger.map((l) => l.command_uuid), [uuid]);
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
