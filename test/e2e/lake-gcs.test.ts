/**
 * The gcs_* sinks through the API of a real `datagen serve` on fake-gcs-server: every format read back from the
 * bucket equal to the local sink's output, DELETE_PREVIOUS and single-file mode, and the failures. Bad credentials
 * are not tested here: fake-gcs-server checks none (it serves any request, with or without a token).
 */
import test from 'ava';
import { lakeCases, lakeService } from '../helpers/lake-e2e.js';
import { gcsReader } from '../helpers/lake-store-readers.js';
import { gcsStorage, gcsUnavailableReason, startGcs } from '../helpers/services/gcs.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const BUCKET = 'datagen-e2e';
// The sinks do not create a GCS bucket (nor did the original's).
const gcs = await storeForTests(test, 'fake-gcs-server', gcsUnavailableReason, async () => {
  const svc = await startGcs();
  await gcsStorage(svc).createBucket(BUCKET);
  return svc;
});

const served = lakeService(test, () => gcs.service().env);

lakeCases({
  store: 'gcs',
  test: gcs.test,
  service: served.service,
  tableNames: (dir, name) => ({ GCS_BUCKET: BUCKET, GCS_DIRECTORY: dir, GCS_OBJECT_NAME: name }),
  reader: () => gcsReader(gcs.service(), BUCKET),
  dirPath: (dir) => dir,
  singleFileFormat: 'csv',
  failures: [
    {
      title: 'an unreachable server (a closed port)',
      settings: () => ({ properties: { GCS_ENDPOINT: `http://127.0.0.1:${served.closedPort()}` }, names: [`http://127.0.0.1:${served.closedPort()}`] }),
    },
  ],
  badKeys: [
    { tableNames: { GCS_BUCKET: 'Bad Bucket' }, field: 'Table_Names.GCS_BUCKET' },
    { tableNames: { GCS_PROJECT_ID: 'x' }, field: 'Table_Names.GCS_PROJECT_ID' },
    { tableNames: { GCS_DIRECTORY: '../up' }, field: 'Table_Names.GCS_DIRECTORY' },
  ],
});
