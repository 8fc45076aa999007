/**
 * The s3_* and ozone_* sinks through the API of a real `datagen serve` on the harness's S3 server (s3proxy): every
 * format read back from the bucket equal to the local sink's output, DELETE_PREVIOUS and single-file mode, a worker
 * SIGKILLed mid-batch leaving one copy of its rows, and the failures. There is no Ozone server here: the ozone_*
 * cases test its mapping (OZONE_BUCKET / OZONE_VOLUME / OZONE_KEY_NAME onto the gateway's S3 API) against s3proxy.
 */
import { randomBytes } from 'node:crypto';
import test from 'ava';
import { lakeCases, lakeService, type LakeStore } from '../helpers/lake-e2e.js';
import { s3Reader } from '../helpers/lake-store-readers.js';
import { runWithKilledWorker } from '../helpers/killed-worker.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { startS3, type S3Service } from '../helpers/services/s3.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const BUCKET = 'datagen-e2e';
const OZONE_BUCKET = 'datagen-ozone';
const s3 = await storeForTests(test, 's3', javaUnavailableReason, () => startS3());

const ozoneEnv = (svc: S3Service) => ({ OZONE_S3_ENDPOINT: svc.endpoint, OZONE_S3_ACCESS_KEY_ID: svc.accessKeyId, OZONE_S3_ACCESS_KEY_SECRET: svc.secretAccessKey });
const closedUrl = (port: number) => `http://127.0.0.1:${port}`;

const served = lakeService(test, () => ({ ...s3.service().env, ...ozoneEnv(s3.service()) }));

/** The S3 API's failures, for S3 itself or Ozone's gateway: its endpoint setting on a closed port, a wrong secret. */
function s3Failures(endpointKey: string, idKey: string, secretKey: string): LakeStore['failures'] {
  return [
    {
      title: `an unreachable server (${endpointKey} on a closed port)`,
      // Signed with the service's own credential, which must not leak either.
      settings: () => ({ properties: { [endpointKey]: closedUrl(served.closedPort()) }, names: [closedUrl(served.closedPort())], secret: s3.service().secretAccessKey }),
    },
    {
      title: `a wrong ${secretKey}`,
      settings: () => {
        const secret = `wrong-${randomBytes(12).toString('hex')}`;
        return { properties: { [idKey]: s3.service().accessKeyId, [secretKey]: secret }, names: [s3.service().endpoint, 'AccessDenied'], secret };
      },
    },
  ];
}

lakeCases({
  store: 's3',
  test: s3.test,
  service: served.service,
  tableNames: (dir, name) => ({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir, S3_KEY_NAME: name }),
  reader: () => s3Reader(s3.service(), BUCKET),
  dirPath: (dir) => dir,
  singleFileFormat: 'parquet',
  failures: s3Failures('S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_SECRET'),
  badKeys: [
    { tableNames: { S3_BUCKET: 'datagen/e2e' }, field: 'Table_Names.S3_BUCKET' },
    { tableNames: { S3_BUCKET: 'Not_A_Bucket' }, field: 'Table_Names.S3_BUCKET' },
    { tableNames: { S3_DIRECTORY: 'a/../b' }, field: 'Table_Names.S3_DIRECTORY' },
  ],
});

lakeCases({
  store: 'ozone',
  test: s3.test,
  service: served.service,
  // The gateway's volume (s3v) holds the bucket; OZONE_KEY_NAME's directory part is the key prefix.
  tableNames: (dir, name) => ({ OZONE_VOLUME: 's3v', OZONE_BUCKET: OZONE_BUCKET, OZONE_KEY_NAME: `${dir}/${name}` }),
  reader: () => s3Reader(s3.service(), OZONE_BUCKET),
  dirPath: (dir) => dir,
  singleFileFormat: 'orc',
  failures: s3Failures('OZONE_S3_ENDPOINT', 'OZONE_S3_ACCESS_KEY_ID', 'OZONE_S3_ACCESS_KEY_SECRET'),
  badKeys: [
    { tableNames: { OZONE_BUCKET: 'no' }, field: 'Table_Names.OZONE_BUCKET' },
    { tableNames: { OZONE_VOLUME: 'Volume One' }, field: 'Table_Names.OZONE_VOLUME' },
  ],
});

/** As test/e2e/crash-recovery.test.ts: batches slow enough that a worker is killed while it writes one. */
const KILL_BATCHES = 4;
const KILL_ROWS = 60_000;
const KILL_MODEL = JSON.stringify({
  model_name: 'lake-crash',
  Fields: [
    { name: 'id', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
    { name: 'b', type: 'STRING', length: 60 },
    { name: 'c', type: 'STRING', length: 60 },
  ],
  Table_Names: { S3_BUCKET: BUCKET, S3_DIRECTORY: 'e2e-crash', S3_KEY_NAME: 'crash' },
});

s3.test('s3_json: a worker SIGKILLed in the middle of a batch, the batch redelivered, leaves exactly one copy of every row in the bucket', async (t) => {
  const { status, workers } = await runWithKilledWorker(s3.service().env, 's3_json', { rows: KILL_ROWS, batches: KILL_BATCHES, threads: 2 }, KILL_MODEL, 240_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const reader = s3Reader(s3.service(), BUCKET);
  try {
    const names = await reader.list('e2e-crash');
    t.deepEqual(names, Array.from({ length: KILL_BATCHES }, (_, b) => `crash-${String(b).padStart(10, '0')}.json`), 'the batch files only: no parts, no temporary objects');
    const ids: number[] = [];
    for (const name of names) {
      for (const line of (await reader.get(`e2e-crash/${name}`)).toString('utf8').split('\n')) if (line) ids.push(JSON.parse(line).id);
    }
    t.is(ids.length, KILL_BATCHES * KILL_ROWS, 'exactly rows × batches rows');
    t.is(new Set(ids).size, ids.length, 'no row written twice');
    t.deepEqual(ids.reduce(([lo, hi], id) => [Math.min(lo, id), Math.max(hi, id)], [Infinity, -Infinity]), [0, KILL_BATCHES * KILL_ROWS - 1]);
  } finally {
    reader.close();
  }
  t.is(workers.size, 2, 'batches completed on both workers, the killed one and its successor');
});
