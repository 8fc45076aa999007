/**
 * The HDFS destination against a real HA MiniDFSCluster (two namenodes, the first active, the second standby):
 * given both namenodes, standby or unreachable ones first, it finds the active one; given only a standby, it fails
 * saying so. Without Java or Maven the tests are skipped loudly, except under CI=true, where they fail.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { hdfsDestination } from '../../src/sinks/destinations/hdfs.js';
import { type HdfsService, startHdfs } from '../helpers/services/hdfs.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { freePorts } from '../helpers/services/ports.js';

const missing = await javaUnavailableReason();
const skip = missing !== null && process.env.CI !== 'true';
if (skip) console.warn(`\n${'!'.repeat(100)}\nSKIPPING HDFS HA TESTS: ${missing}.\nUnder CI=true this is a failure.\n${'!'.repeat(100)}\n`);
const serial = skip ? test.serial.skip : test.serial;

let cluster: HdfsService | undefined;
if (!skip) {
  test.before('start an HA MiniDFSCluster', async (t) => {
    t.timeout(15 * 60_000, 'starting HDFS (a first run resolves its jars with Maven)');
    if (missing) throw new Error(`cannot start hdfs: ${missing}`);
    cluster = await startHdfs({ ha: true });
  });
  test.after.always('stop HDFS', async (t) => {
    t.timeout(2 * 60_000);
    await cluster?.stop();
  });
}

const running = () => {
  if (!cluster?.standbyUrl) throw new Error('HA HDFS is not running');
  return { active: cluster.webHdfsUrl, standby: cluster.standbyUrl };
};

serial('the second namenode is standby: it refuses WebHDFS reads with StandbyException', async (t) => {
  const res = await fetch(`${running().standby}/webhdfs/v1/?op=GETFILESTATUS&user.name=datagen`);
  t.is(res.status, 403);
  t.regex(await res.text(), /StandbyException/);
});

serial('given the standby first, every operation goes to the active namenode', async (t) => {
  const { active, standby } = running();
  const d = hdfsDestination({ url: [standby, active] });
  const dir = `/ha/${randomUUID()}`;
  try {
    await d.makeDir(dir);
    const s = await d.create(`${dir}/a.json`);
    await s.write('{"a":1}\n');
    t.is(await s.commit(), 8);
    t.deepEqual(await d.list(dir), ['a.json']);
    t.true(await d.exists(`${dir}/a.json`));
    const parts: Uint8Array[] = [];
    for await (const p of d.read(`${dir}/a.json`)) parts.push(p);
    t.is(Buffer.concat(parts).toString(), '{"a":1}\n');
    // The file is there for a reader of the active namenode alone.
    const direct = await fetch(`${active}/webhdfs/v1${dir}/a.json?op=GETFILESTATUS&user.name=datagen`);
    t.is(direct.status, 200);
    await direct.body?.cancel();
  } finally {
    await d.removeDir(dir);
    await d.close();
  }
});

serial('an unreachable namenode is passed over too', async (t) => {
  const [port] = await freePorts(1);
  const d = hdfsDestination({ url: [`http://127.0.0.1:${port}`, running().standby, running().active] });
  const dir = `/ha/${randomUUID()}`;
  try {
    await d.makeDir(dir);
    await (await d.create(`${dir}/b.csv`)).commit();
    t.deepEqual(await d.list(dir), ['b.csv']);
  } finally {
    await d.removeDir(dir);
    await d.close();
  }
});

serial('with no active namenode the error names each one and why', async (t) => {
  const [port] = await freePorts(1);
  const { standby } = running();
  const d = hdfsDestination({ url: [standby, `http://127.0.0.1:${port}`] });
  const err = await t.throwsAsync(d.makeDir('/ha/never'));
  t.true(err!.message.startsWith('HDFS MKDIRS hdfs://'), err!.message);
  t.true(err!.message.includes(`no active namenode (the namenode at ${standby} is standby; cannot reach the namenode at http://127.0.0.1:${port}:`), err!.message);
  await d.close();
});
