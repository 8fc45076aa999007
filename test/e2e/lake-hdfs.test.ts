/**
 * The hdfs_* sinks through the API of a real `datagen serve` on a MiniDFSCluster: every format read back over
 * WebHDFS equal to the local sink's output, DELETE_PREVIOUS and single-file mode, and the failures. Bad credentials
 * do not apply: WebHDFS with simple authentication takes HDFS_USER as given (no secret), and the harness's cluster
 * runs with permissions off, so another user writes as well. (The redelivered batch after a SIGKILL runs on S3:
 * lake-s3.test.ts.)
 */
import test from 'ava';
import { batchFiles, lakeCases, lakeService, runLakeCommand } from '../helpers/lake-e2e.js';
import { hdfsReader } from '../helpers/lake-store-readers.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { serviceForTests } from '../helpers/services/for-tests.js';

const hdfs = await serviceForTests(test, 'hdfs');
const served = lakeService(test, () => ({ HDFS_URL: hdfs.address() }));

lakeCases({
  store: 'hdfs',
  test: hdfs.test,
  service: served.service,
  tableNames: (dir, name) => ({ HDFS_FILE_PATH: `/e2e/${dir}/`, HDFS_FILE_NAME: name }),
  reader: () => hdfsReader(hdfs.address()),
  dirPath: (dir) => `/e2e/${dir}`,
  singleFileFormat: 'json',
  failures: [
    {
      title: 'an unreachable namenode (a closed port)',
      settings: () => ({ properties: { HDFS_URL: `http://127.0.0.1:${served.closedPort()}` }, names: [`http://127.0.0.1:${served.closedPort()}`] }),
    },
  ],
  badKeys: [
    { options: { HDFS_REPLICATION_FACTOR: 'three' }, field: 'Options.HDFS_REPLICATION_FACTOR' },
    { tableNames: { HDFS_FILE_PATH: 'relative/dir' }, field: 'Table_Names.HDFS_FILE_PATH' },
    { tableNames: { HDFS_USER: 'no such user' }, field: 'Table_Names.HDFS_USER' },
  ],
});

hdfs.test('hdfs_parquet through the API: Options.HDFS_REPLICATION_FACTOR is each file\'s replication, Table_Names.HDFS_USER its owner', async (t) => {
  const dir = `e2e-keys-${Date.now().toString(36)}`;
  const model = await customerModel({ HDFS_FILE_PATH: `/e2e/${dir}/`, HDFS_FILE_NAME: 'cust', HDFS_USER: 'etl' }, { HDFS_REPLICATION_FACTOR: '2' });
  await runLakeCommand(t, served.service(), 'hdfs_parquet', model);
  for (const name of batchFiles('cust', 'parquet')) {
    const res = await fetch(`${hdfs.address()}/webhdfs/v1/e2e/${dir}/${name}?op=GETFILESTATUS&user.name=datagen`);
    const status = ((await res.json()) as { FileStatus: { replication: number; owner: string } }).FileStatus;
    t.deepEqual([status.replication, status.owner], [2, 'etl'], name); // the cluster's dfs.replication is 1
  }
});
