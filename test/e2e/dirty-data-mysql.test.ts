/**
 * Dirty data through a real MariaDB (docs/dirty-data.md): the dirty model (test/helpers/dirty-rows.ts) written by
 * `datagen serve` (LOAD DATA LOCAL, which would cut a value too long for its column without an error), read back
 * with SELECT: NULLs are NULLs, every malformed value is one its column holds whole (a UUID of another version in
 * CHAR(36), not a longer text cut back to the clean one), and /command/get's fault counts equal what the table holds.
 */
import test from 'ava';
import mysql from 'mysql2/promise';
import { assertTypedDirtyRows, dirtyModel, type DirtyRow } from '../helpers/dirty-rows.js';
import { lakeService } from '../helpers/lake-e2e.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';
import { mariadbUnavailableReason, startMariaDb, type MariaDbService } from '../helpers/services/mariadb.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const db = await storeForTests<MariaDbService>(test, 'mariadb', mariadbUnavailableReason, startMariaDb);
const served = lakeService(test, () => db.service().env);

const ROWS = 2000;
const BATCHES = 3;

async function query<R = Record<string, unknown>>(sql: string): Promise<R[]> {
  const conn = await mysql.createConnection({ uri: db.service().url, timezone: 'Z', supportBigNumbers: true, bigNumberStrings: true });
  try {
    return (await conn.query(sql))[0] as R[];
  } finally {
    await conn.end();
  }
}

db.test('NULLs, malformed values whole in their typed columns, and the view\'s fault counts are what the table holds', async (t) => {
  const table = `e2e_dirty_${Date.now().toString(36)}`;
  const res = await submit(served.service().url, 'mysql', { rows: ROWS, batches: BATCHES, threads: 2, seed: 17 }, { text: dirtyModel(table, { MYSQL_TABLE: table }) });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(served.service().url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const details = (await getJson(served.service().url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  const columns = await query<{ COLUMN_NAME: string; COLUMN_TYPE: string; IS_NULLABLE: string }>(
    `SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`);
  t.deepEqual(columns.map((c) => `${c.COLUMN_NAME} ${c.COLUMN_TYPE} ${c.IS_NULLABLE}`), [
    'id int(11) YES', 's text YES', 'n int(11) YES', 'l bigint(20) YES', 'f double YES', 'b tinyint(1) YES', 'u char(36) YES', 'ts datetime(3) YES',
  ]);
  const back = await query<DirtyRow & { b: number | null; ts: Date }>(`SELECT id, s, n, l, f, b, u, ts FROM \`${table}\``);
  // BOOLEAN is TINYINT(1): 0 or 1.
  const rows: DirtyRow[] = back.map((r) => ({ ...r, b: r.b === null ? null : r.b === 1, ts: r.ts.getTime() }));
  assertTypedDirtyRows(t, rows, ROWS * BATCHES, details.faults);
});
