/**
 * /model_generation/* through a real `datagen serve`: a CSV file the service generated from a known model is
 * analysed into that model (types, ranges, weights), which is stored, named after the file (a second analysis
 * gets the original's date suffix) and generates at once; a file outside the readable directories and a missing
 * parameter are 400s naming it, and so is a file that is not ORC on the ORC route.
 */
import test from 'ava';
import { assertLikeKnown, KNOWN_MODEL } from '../helpers/analysis-roundtrip.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe();
});
test.after.always(async () => {
  await svc?.stop();
});

async function analyse(prefix: string, format: string, fields: Record<string, string>) {
  const res = await fetch(`${svc.url}${prefix}/model_generation/${format}`, { method: 'POST', body: new URLSearchParams(fields) });
  return { status: res.status, body: (await res.json()) as any };
}

test.serial('a generated CSV file analyses into its model, stored under the file name, which generates at once', async (t) => {
  const made = await submit(svc.url, 'csv', { batches: 1, rows: 3000 }, { text: JSON.stringify(KNOWN_MODEL) });
  t.is(made.status, 200, JSON.stringify(made.body));
  t.is((await waitForTerminal(svc.url, made.body.commandUuid)).status, 'FINISHED');

  const res = await analyse('/api/v1', 'csv', { filepath: 'output/customers/customers-0000000000.csv', deep_analysis: 'true' });
  t.is(res.status, 200, JSON.stringify(res.body));
  t.is(res.body.model_name, 'customers-0000000000');
  assertLikeKnown(t, res.body, 'e2e csv');
  t.true((await getJson(svc.url, '/model_store/list', 'GET')).body.includes('customers-0000000000'));

  const again = await analyse('', 'csv', { filepath: 'output/customers/customers-0000000000.csv', sample_rows: '500' });
  t.is(again.status, 200, JSON.stringify(again.body));
  t.regex(again.body.model_name, /^customers-0000000000-\d{2}-\d{2}-\d{4}_\d{2}-\d{2}-\d{2}$/, 'a taken name gets the original\'s suffix');

  const run = await submit(svc.url, 'json', { batches: 1, rows: 20, model_file: 'customers-0000000000' });
  t.is(run.status, 200, JSON.stringify(run.body));
  t.is((await waitForTerminal(svc.url, run.body.commandUuid)).status, 'FINISHED');
});

test.serial('bad requests are 400s naming the parameter; a file that is not ORC is a 400 saying so', async (t) => {
  const outside = await analyse('', 'json', { filepath: '/etc/passwd' });
  t.is(outside.status, 400);
  t.regex(outside.body.error, /^filepath: "\/etc\/passwd" is outside the allowed data directories/);
  const missing = await analyse('', 'parquet', {});
  t.is(missing.status, 400);
  t.is(missing.body.error, 'parameter filepath (the parquet file to analyse) is required');
  const sample = await analyse('', 'avro', { filepath: 'x.avro', sample_rows: '0' });
  t.is(sample.status, 400);
  t.regex(sample.body.error, /sample_rows must be a positive integer/);
  const notAvro = await analyse('', 'avro', { filepath: 'output/customers/customers-0000000000.csv' });
  t.is(notAvro.status, 400);
  t.regex(notAvro.body.error, /is not an Avro object container file/);
  const badTable = await analyse('', 'postgresql', { table: 'x; drop table y' });
  t.is(badTable.status, 400);
  t.is(badTable.body.error, 'parameter table "x; drop table y" is not a plain name (letters, digits, _ $ -, at most 63)');
  const noServer = await analyse('', 'mysql', { table: 'customers' });
  t.is(noServer.status, 400);
  t.regex(noServer.body.error, /the mysql sink needs MYSQL_URL/);
  const badTopic = await analyse('/api/v1', 'kafka', { topic: 'no spaces' });
  t.is(badTopic.status, 400);
  t.regex(badTopic.body.error, /^parameter topic "no spaces" is not a legal topic name/);
  const badHbase = await analyse('', 'hbase', { table: '.hidden' });
  t.is(badHbase.status, 400);
  t.regex(badHbase.body.error, /^parameter table "\.hidden" is not a legal HBase name/);
  const badHive = await analyse('', 'hive', { database: 'a-b', table: 't' });
  t.is(badHive.status, 400);
  t.regex(badHive.body.error, /^parameter database "a-b" is not a plain Hive name/);
  const noBucket = await analyse('', 's3-csv', { key: 'a/b.csv' });
  t.is(noBucket.status, 400);
  t.is(noBucket.body.error, 'parameter bucket (the bucket) is required');
  const noHdfs = await analyse('', 'hdfs-json', { filepath: '/user/x.json' });
  t.is(noHdfs.status, 400);
  t.regex(noHdfs.body.error, /need HDFS_URL/);
  const gcsOrc = await analyse('', 'gcs-orc', { key: 'x.orc' });
  t.is(gcsOrc.status, 400);
  t.is(gcsOrc.body.error, 'parameter bucket (the bucket) is required');
  const notOrc = await analyse('', 'orc', { filepath: 'output/customers/customers-0000000000.csv' });
  t.is(notOrc.status, 400);
  t.regex(notOrc.body.error, /is not an ORC file this service reads \(its PostScript/);
});
