/**
 * A real HDFS for tests and local use: Hadoop's MiniDFSCluster (one namenode, one datanode, permissions off) in
 * one JVM on loopback with ephemeral ports, started by a small Java main (java/HdfsMiniCluster.java, compiled once
 * with javac into the jar cache) that writes its WebHDFS and hdfs:// addresses to a file once the cluster is up.
 * With `ha`, two namenodes of one nameservice: the first active, the second standby.
 */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJavaMain, resolveJars } from './java.js';
import { startJvm, stopProcess, waitReady } from './jvm.js';

export interface HdfsService {
  /** WebHDFS base (the namenode's HTTP address), e.g. http://127.0.0.1:41234 */
  webHdfsUrl: string;
  /** The namenode's RPC address, hdfs://127.0.0.1:<port> */
  hdfsUri: string;
  /** With `ha`: the standby namenode's WebHDFS base. */
  standbyUrl?: string;
  dir: string;
  pids: number[];
  stop(): Promise<void>;
}

const MAIN_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'java', 'HdfsMiniCluster.java');

export async function startHdfs(opts: { detached?: boolean; timeoutMs?: number; ha?: boolean } = {}): Promise<HdfsService> {
  const lib = await resolveJars('hdfs');
  const classes = await compileJavaMain(lib, MAIN_SOURCE);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hdfs-'));
  const tmp = path.join(dir, 'tmp');
  await mkdir(tmp);
  const readyFile = path.join(dir, 'ready');
  const jvm = startJvm({
    name: 'hdfs',
    mainClass: 'HdfsMiniCluster',
    args: [readyFile, path.join(dir, 'data'), ...(opts.ha ? ['ha'] : [])],
    classpath: [classes, path.join(lib, '*')],
    heapMb: 512,
    jvmOptions: [`-Djava.io.tmpdir=${tmp}`, `-Dtest.build.data=${tmp}`],
    workDir: dir,
    detached: opts.detached,
  });
  const stop = async () => {
    await stopProcess(jvm.pid, 20_000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const timeoutMs = opts.timeoutMs ?? 240_000;
    const [webHdfsUrl, hdfsUri, standbyUrl] = await waitReady([jvm], 'MiniDFSCluster up', timeoutMs, async () => {
      const line = (await readFile(readyFile, 'utf8')).trim().split(' ');
      if (line.length !== (opts.ha ? 3 : 2)) throw new Error(`unexpected ready line ${line.join(' ')}`);
      return line as [string, string, string?];
    });
    await waitReady([jvm], 'WebHDFS answering', timeoutMs, async () => {
      const res = await fetch(`${webHdfsUrl}/webhdfs/v1/?op=GETFILESTATUS&user.name=datagen`);
      if (res.status !== 200) throw new Error(`GETFILESTATUS /: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      await res.body?.cancel();
    });
    return { webHdfsUrl, hdfsUri, ...(standbyUrl ? { standbyUrl } : {}), dir, pids: [jvm.pid], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
