/**
 * Model analysis of files on object stores (s3proxy, Azurite, fake-gcs-server: test/helpers/services): rows of the
 * known model written by the s3_parquet, adls_csv and gcs_avro sinks analyse back into that model and regenerate
 * alike; a missing key is a 404, a key with a ".." part a 400.
 */
import test from 'ava';
import { objectFileSource, type Store } from '../../src/analysis/sources/object-file.js';
import type { FileFormat } from '../../src/analysis/sources/local-file.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { objectStoresForTests } from '../helpers/services/object-stores-for-tests.js';

const BUCKET = 'datagen-analysis';

const { s3, azure, gcs } = await objectStoresForTests(test, BUCKET);

const CASES: Array<{ store: Store; format: FileFormat; run: typeof s3.test; env: () => Record<string, string>; tableNames: (dir: string) => Record<string, string> }> = [
  { store: 's3', format: 'parquet', run: s3.test, env: () => s3.service().env, tableNames: (dir) => ({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir, S3_KEY_NAME: 'customers' }) },
  { store: 'adls', format: 'csv', run: azure.test, env: () => azure.service().env, tableNames: (dir) => ({ ADLS_CONTAINER: BUCKET, ADLS_DIRECTORY: dir, ADLS_FILE_NAME: 'customers' }) },
  { store: 'gcs', format: 'avro', run: gcs.test, env: () => gcs.service().env, tableNames: (dir) => ({ GCS_BUCKET: BUCKET, GCS_DIRECTORY: dir, GCS_OBJECT_NAME: 'customers' }) },
];

for (const c of CASES) {
  c.run(`${c.store} ${c.format}: a file of a known model analyses into that model, which regenerates alike`, async (t) => {
    const dir = uniqueName('analysis');
    const rows = await writeKnown(`${c.store}_${c.format}`, c.env(), c.tableNames(dir));
    const key = `${dir}/customers-0000000000.${c.format}`;
    const inferred = await inferModel(objectFileSource(c.store, c.format, serviceSettings(c.env()), key, BUCKET));
    t.is(inferred.model_name, 'customers-0000000000');
    assertLikeKnown(t, inferred, c.store);
    assertRegeneratedLike(t, rows, await generate(inferred, 7), c.store);

    const missing = await t.throwsAsync(inferModel(objectFileSource(c.store, c.format, serviceSettings(c.env()), `${dir}/none.${c.format}`, BUCKET)));
    t.is((missing as { status?: number }).status, 404, missing!.message);
    const climbing = await t.throwsAsync(inferModel(objectFileSource(c.store, c.format, serviceSettings(c.env()), `${dir}/../x.${c.format}`, BUCKET)));
    t.is((climbing as { status?: number }).status, 400, climbing!.message);
    t.regex(climbing!.message, /^parameter key ".*\/\.\.\/x\..*" must not have a "." or ".." part/);
  });
}
