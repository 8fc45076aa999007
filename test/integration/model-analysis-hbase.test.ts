/**
 * Model analysis of an HBase table through a real REST gateway (test/helpers/services/hbase.ts): rows of the known
 * model written by the HBase sink, with cells in the original's binary encoding (4-byte ints and floats, 8-byte
 * longs, booleans as one byte, texts), analyse back into that model and regenerate alike; a missing table is a 404.
 */
import anyTest, { type TestFn } from 'ava';
import { hbaseTableSource } from '../../src/analysis/sources/hbase-table.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { serviceForTests } from '../helpers/services/for-tests.js';

const test = anyTest as TestFn;
const hbase = await serviceForTests(test, 'hbase');

hbase.test('a table of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = { HBASE_REST_URL: hbase.address() };
  const table = uniqueName('customers');
  const rows = await writeKnown('hbase', props, { HBASE_TABLE_NAME: table });
  const inferred = await inferModel(hbaseTableSource(serviceSettings(props), table));
  t.is(inferred.model_name, table);
  assertLikeKnown(t, inferred, 'hbase');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'hbase');

  const missing = await t.throwsAsync(inferModel(hbaseTableSource(serviceSettings(props), 'nothing_here')));
  t.is((missing as { status?: number }).status, 404, missing!.message);
  t.regex(missing!.message, /table default:nothing_here: there is no such table/);
});
