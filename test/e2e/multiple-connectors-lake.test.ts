/**
 * End to end: /datagen/multipleconnectors to a data-lake store and local files at once, through a real `datagen
 * serve` on the harness's S3 server (s3proxy): the bucket's parquet objects hold the rows of the local parquet and
 * json files of the same command; an unreachable S3 fails the command naming that sink, and the other sink's
 * partial output is removed too.
 */
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import test from 'ava';
import { batchFiles, lakeService, readBytes, runLakeCommand } from '../helpers/lake-e2e.js';
import { s3Reader } from '../helpers/lake-store-readers.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { getJson, submit, waitForTerminal } from '../helpers/service-process.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { startS3 } from '../helpers/services/s3.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const BUCKET = 'datagen-multi';
const s3 = await storeForTests(test, 's3', javaUnavailableReason, () => startS3());
const served = lakeService(test, () => s3.service().env);
const unique = (what: string) => `multi-${what}-${randomBytes(4).toString('hex')}`;

s3.test('s3_parquet + parquet + json: the bucket\'s objects, the local parquet files and the json files hold the same rows', async (t) => {
  const svc = served.service();
  const dir = unique('ok');
  const model = await customerModel({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir, S3_KEY_NAME: 'cust', LOCAL_FILE_PATH: `output/${dir}/`, LOCAL_FILE_NAME: 'cust' });
  const status = await runLakeCommand(t, svc, 'multipleconnectors', model, { connectors: 's3_parquet,parquet,json' });
  t.is(status.service, 'multipleconnectors');
  const reader = s3Reader(s3.service(), BUCKET);
  try {
    t.deepEqual(await reader.list(dir), batchFiles('cust', 'parquet'));
    const localDir = path.join(svc.dataDir, 'output', dir);
    t.deepEqual((await readdir(localDir)).sort(), [...batchFiles('cust', 'json'), ...batchFiles('cust', 'parquet')].sort());
    for (const [b, name] of batchFiles('cust', 'parquet').entries()) {
      const fromStore = await readBytes('parquet', await reader.get(`${dir}/${name}`));
      const fromLocal = await readBytes('parquet', await readFile(path.join(localDir, name)));
      t.deepEqual(fromStore.types, fromLocal.types, name);
      t.deepEqual(fromStore.rows, fromLocal.rows, name);
      const json = (await readFile(path.join(localDir, batchFiles('cust', 'json')[b]!), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
      t.deepEqual(fromStore.rows.map((r) => String(r[0])), json.map((r) => String(r.customer_id)), `${name}: the json file's rows`);
    }
  } finally {
    reader.close();
  }
  const details = (await getJson(svc.url, `/command/get?commandUuid=${status.commandUuid}`)).body;
  t.deepEqual(Object.keys(details.rowsBySink), ['s3_parquet', 'parquet', 'json']);
  t.true(Object.values(details.rowsBySink).every((n) => n === status.rowsWritten));
});

s3.test('an unreachable S3 fails a s3_csv + json command naming s3_csv and its address, with no secret; the json sink leaves nothing', async (t) => {
  const svc = served.service();
  const dir = unique('fail');
  const closed = `http://127.0.0.1:${served.closedPort()}`;
  const model = await customerModel({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir, LOCAL_FILE_PATH: `output/${dir}/` });
  const res = await submit(svc.url, 'multipleconnectors', { rows: 5, batches: 2, connectors: 's3_csv,json', extraProperties: JSON.stringify({ S3_ENDPOINT: closed }) }, { text: model });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
  t.is(status.status, 'FAILED', JSON.stringify(status));
  t.regex(status.comment, /s3_csv: /);
  t.true(status.comment.includes(closed), status.comment);
  const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
  for (const text of [status.comment, JSON.stringify(history), svc.output()]) t.false(text.includes(s3.service().secretAccessKey));
  const localDir = path.join(svc.dataDir, 'output', dir);
  const left = await readdir(localDir).catch(() => [] as string[]);
  t.deepEqual(left.filter((f) => f.endsWith('.json')), [], 'no json file of the failed command');
});
