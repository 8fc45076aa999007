/**
 * Model analysis of a file on a real HDFS (a MiniDFSCluster, test/helpers/services/hdfs.ts) through WebHDFS: rows
 * of the known model written by the hdfs_json sink analyse back into that model and regenerate alike.
 */
import anyTest, { type TestFn } from 'ava';
import { objectFileSource } from '../../src/analysis/sources/object-file.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { serviceForTests } from '../helpers/services/for-tests.js';

const test = anyTest as TestFn;
const hdfs = await serviceForTests(test, 'hdfs');

hdfs.test('a JSON Lines file of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = hdfs.env();
  const dir = `/user/datagen/${uniqueName('analysis')}`;
  const rows = await writeKnown('hdfs_json', props, { HDFS_FILE_PATH: `${dir}/`, HDFS_FILE_NAME: 'customers' });
  const inferred = await inferModel(objectFileSource('hdfs', 'json', serviceSettings(props), `${dir}/customers-0000000000.json`));
  t.is(inferred.model_name, 'customers-0000000000');
  assertLikeKnown(t, inferred, 'hdfs');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'hdfs');

  const missing = await t.throwsAsync(inferModel(objectFileSource('hdfs', 'json', serviceSettings(props), `${dir}/none.json`)));
  t.is((missing as { status?: number }).status, 404, missing!.message);
});
