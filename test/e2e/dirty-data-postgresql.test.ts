/**
 * Dirty data through a real PostgreSQL (docs/dirty-data.md): the dirty model (test/helpers/dirty-rows.ts) written
 * by `datagen serve`, read back with SELECT. Columns are nullable and typed, nulls are SQL NULLs, a malformed value
 * is one its column holds (truncated or out of range, never of another type), and /command/get's fault counts
 * equal what the table holds. A primary key with duplicates or a null key column is a 400 naming the property.
 */
import test from 'ava';
import type pg from 'pg';
import { assertTypedDirtyRows, dirtyModel, type DirtyRow } from '../helpers/dirty-rows.js';
import { lakeService } from '../helpers/lake-e2e.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';
import { type PostgresService, postgresUnavailableReason, queryPostgres, startPostgres } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const pgServer = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);
const served = lakeService(test, () => pgServer.service().env);

const ROWS = 2000;
const BATCHES = 3;
const unique = (what: string) => `e2e_${what}_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

const query = <R extends pg.QueryResultRow>(sql: string) => queryPostgres<R>(pgServer.service().url, sql);

pgServer.test('NULLs are SQL NULLs in nullable typed columns, malformed values fit their column, and the view\'s fault counts are what the table holds', async (t) => {
  const table = unique('dirty');
  const res = await submit(served.service().url, 'postgresql', { rows: ROWS, batches: BATCHES, threads: 2, seed: 17 }, { text: dirtyModel(table, { POSTGRESQL_TABLE: table }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(served.service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const details = (await getJson(served.service().url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;

  const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
    `SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`);
  t.deepEqual(columns.map((c) => `${c.column_name} ${c.data_type} ${c.is_nullable}`), [
    'id integer YES', 's text YES', 'n integer YES', 'l bigint YES', 'f double precision YES', 'b boolean YES', 'u uuid YES', 'ts timestamp with time zone YES',
  ]);
  const back = await query<{ id: number; s: string | null; n: number | null; l: string | null; f: number | null; b: boolean | null; u: string | null; ts: Date }>(`SELECT id, s, n, l, f, b, u, ts FROM public."${table}"`);
  const rows: DirtyRow[] = back.map((r) => ({ ...r, ts: r.ts.getTime() }));
  const c = assertTypedDirtyRows(t, rows, ROWS * BATCHES, details.faults);
  // The nulls counted are SQL NULLs (IS NULL), not a text standing for one.
  const [sql] = await query<{ nulls: string; empties: string }>(`WITH d AS (SELECT DISTINCT ON (id) * FROM public."${table}")
    SELECT count(*) FILTER (WHERE s IS NULL) + count(*) FILTER (WHERE n IS NULL) + count(*) FILTER (WHERE l IS NULL)
      + count(*) FILTER (WHERE f IS NULL) + count(*) FILTER (WHERE b IS NULL) + count(*) FILTER (WHERE u IS NULL) AS nulls, count(*) FILTER (WHERE s = '') AS empties FROM d`);
  t.deepEqual([Number(sql!.nulls), Number(sql!.empties)], [c.null, c.empty]);
});

pgServer.test('a primary key with duplicate rows, or a key column given a null_rate, is a 400 naming the property', async (t) => {
  const table = unique('dirty_key');
  const dup = await submit(served.service().url, 'postgresql', { rows: 10, batches: 1 }, { text: dirtyModel(table, { POSTGRESQL_TABLE: table }, { POSTGRESQL_PRIMARY_KEYS: 'id' }) });
  t.is(dup.status, 400, JSON.stringify(dup.body));
  t.regex(dup.body.error, /Options\.DUPLICATE_RATE: a duplicate row repeats its primary key \(Options\.POSTGRESQL_PRIMARY_KEYS: id\), which the table refuses/);
  const nullKey = await submit(served.service().url, 'postgresql', { rows: 10, batches: 1 }, { text: dirtyModel(table, { POSTGRESQL_TABLE: table }, { POSTGRESQL_PRIMARY_KEYS: 'id,s', DUPLICATE_RATE: '0' }) });
  t.is(nullKey.status, 400, JSON.stringify(nullKey.body));
  t.regex(nullKey.body.error, /Fields\[1\]\.null_rate: "s" is a primary key column: a key cannot be null or empty/);
  t.deepEqual(await query(`SELECT 1 FROM pg_tables WHERE tablename = '${table}'`), [], 'nothing was created');
});
