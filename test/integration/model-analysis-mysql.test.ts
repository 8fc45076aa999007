/**
 * Model analysis of a MySQL table: rows of the known model written by the MySQL sink into a real MariaDB
 * (test/helpers/services/mariadb.ts), analysed back into that model (types, ranges, weights, filters, regex), which
 * regenerates alike; a refused connection is a 502 without the password.
 */
import anyTest, { type TestFn } from 'ava';
import { mysqlTableSource } from '../../src/analysis/sources/mysql-table.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { mariadbUnavailableReason, startMariaDb, type MariaDbService } from '../helpers/services/mariadb.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const test = anyTest as TestFn;
const server = await storeForTests<MariaDbService>(test, 'mariadb', mariadbUnavailableReason, startMariaDb);

server.test('a table of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = { MYSQL_URL: server.service().url };
  const [database, table] = [uniqueName('d'), uniqueName('customers')];
  const rows = await writeKnown('mysql', props, { MYSQL_DATABASE: database, MYSQL_TABLE: table });
  const inferred = await inferModel(mysqlTableSource(serviceSettings(props), table, database));
  t.is(inferred.model_name, table);
  assertLikeKnown(t, inferred, 'mysql');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'mysql');
});

server.test('a missing table is a 404; a refused connection a 502 without the password', async (t) => {
  const url = new URL(server.service().url);
  const missing = await t.throwsAsync(inferModel(mysqlTableSource(serviceSettings({ MYSQL_URL: url.toString() }), 'nothing_here', 'datagen')));
  t.is((missing as { status?: number }).status, 404);
  url.password = 'wrong-pw';
  const refused = await t.throwsAsync(inferModel(mysqlTableSource(serviceSettings({ MYSQL_URL: url.toString() }), 'x', 'datagen')));
  t.is((refused as { status?: number }).status, 502);
  t.regex(refused!.message, /table datagen\.x: reading the table's columns failed/);
  t.false(refused!.message.includes('wrong-pw'));
});
