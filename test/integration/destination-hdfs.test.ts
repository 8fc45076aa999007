/** The byte destination contract and HDFS's own behaviour against a real MiniDFSCluster over WebHDFS. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { hdfsDestination } from '../../src/sinks/destinations/hdfs.js';
import { serviceForTests } from '../helpers/services/for-tests.js';
import { freePorts } from '../helpers/services/ports.js';
import { destinationContract } from '../contract/destination.contract.js';

const hdfs = await serviceForTests(test, 'hdfs');

destinationContract(hdfs.test, 'hdfs', async () => hdfsDestination({ url: hdfs.address() }), (id) => `/contract/${id}`);

interface FileStatus {
  owner: string;
  replication: number;
  length: number;
}

async function statusOf(file: string): Promise<FileStatus> {
  const res = await fetch(`${hdfs.address()}/webhdfs/v1${file}?op=GETFILESTATUS&user.name=datagen`);
  return ((await res.json()) as { FileStatus: FileStatus }).FileStatus;
}

hdfs.test('files are created as HDFS_USER, with the replication asked for', async (t) => {
  const dir = `/owners/${randomUUID()}`;
  const d = hdfsDestination({ url: hdfs.address(), user: 'alice', replication: 2 });
  try {
    await d.makeDir(dir);
    const s = await d.create(`${dir}/f.csv`);
    await s.write('a\n');
    await s.commit();
    const st = await statusOf(`${dir}/f.csv`);
    t.is(st.owner, 'alice');
    t.is(st.replication, 2);
    t.is(st.length, 2);
  } finally {
    await d.removeDir(dir);
    await d.close();
  }
});

hdfs.test('a failed call names the operation, the HDFS path, the HTTP status and the RemoteException', async (t) => {
  const d = hdfsDestination({ url: hdfs.address() });
  const dir = `/errors/${randomUUID()}`;
  try {
    await d.makeDir(dir);
    const s = await d.create(`${dir}/file`);
    await s.commit();
    // A directory cannot be made where a file is.
    const err = await t.throwsAsync(d.makeDir(`${dir}/file/sub`));
    t.regex(err!.message, /^HDFS MKDIRS hdfs:\/\/127\.0\.0\.1:\d+\/errors\/[0-9a-f-]+\/file\/sub failed: HTTP \d{3}: \w+Exception: /);
  } finally {
    await d.removeDir(dir);
    await d.close();
  }
});

hdfs.test('a write the datanode refuses fails at commit with its RemoteException, and nothing is left', async (t) => {
  const d = hdfsDestination({ url: hdfs.address() });
  const dir = `/refused/${randomUUID()}`;
  try {
    await d.makeDir(dir);
    await (await d.create(`${dir}/file`)).commit();
    // The namenode's CREATE step only redirects: the datanode creates the file and finds its parent is a file.
    const s = await d.create(`${dir}/file/x.csv`);
    const err = await t.throwsAsync(async () => {
      await s.write('a,b\n');
      await s.commit();
    });
    t.regex(err!.message, /^HDFS CREATE hdfs:\/\/127\.0\.0\.1:\d+\/refused\/[0-9a-f-]+\/file\/\.x\.csv\.\d+-[0-9a-f]{8}\.tmp \(datanode write\) failed: HTTP \d{3}: \w*Exception: /);
    t.deepEqual(await d.list(dir), ['file']);
  } finally {
    await d.removeDir(dir);
    await d.close();
  }
});

test('an unreachable namenode fails naming the operation and the address', async (t) => {
  const [port] = await freePorts(1);
  const d = hdfsDestination({ url: `http://127.0.0.1:${port}` });
  const err = await t.throwsAsync(d.create('/x/y.json'));
  t.true(err!.message.startsWith(`HDFS CREATE hdfs://127.0.0.1:${port}/x/.y.json.`), err!.message);
  t.true(err!.message.includes(`cannot reach the namenode at http://127.0.0.1:${port}`), err!.message);
  await d.close();
});
