/**
 * Model analysis of a Hive table on a real HiveServer2 (test/helpers/services/hive.ts): rows of the known model
 * written by the Hive sink (INSERT statements, HIVE_ON_HDFS=false) analyse back into
 * that model and regenerate alike; a missing table is a 404.
 */
import anyTest, { type TestFn } from 'ava';
import { hiveTableSource } from '../../src/analysis/sources/hive-table.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { serviceForTests } from '../helpers/services/for-tests.js';

const test = anyTest as TestFn;
const hive = await serviceForTests(test, 'hive');

hive.test('a table of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = { HIVE_URL: hive.address() };
  const [database, table] = [uniqueName('d'), uniqueName('customers')];
  const rows = await writeKnown('hive', props, { HIVE_DATABASE: database, HIVE_TABLE_NAME: table }, { HIVE_ON_HDFS: 'false' });
  const inferred = await inferModel(hiveTableSource(serviceSettings(props), table, database));
  t.is(inferred.model_name, table);
  assertLikeKnown(t, inferred, 'hive');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'hive');

  const missing = await t.throwsAsync(inferModel(hiveTableSource(serviceSettings(props), 'nothing_here', database)));
  t.is((missing as { status?: number }).status, 404, missing!.message);
  t.regex(missing!.message, /nothing_here: there is no such table/);
});
