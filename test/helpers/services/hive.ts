/**
 * A real HiveServer2 for tests and local use: Hive 4.0.1 from Maven Central (see java.ts, maven/hive.pom.xml) in one
 * JVM on a loopback port, with an embedded Derby metastore, local MapReduce and the local file system (file:///)
 * under a temp dir, authentication NONE. Ready once a session can open and run a statement. startHiveOnHdfs: the
 * same on a MiniDFSCluster (hdfs.ts) as its default file system, in its own JVM (Hive's Hadoop 3.3.6 jars and the
 * cluster's 3.5.0 ones never share a classpath; the RPC protocol is the same).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectHive } from '../../../src/sinks/hive/client.js';
import { HIVE_JAVA17_OPTIONS, HIVE_LOG4J2, hiveSite } from './hive-config.js';
import { startHdfs } from './hdfs.js';
import { resolveJars } from './java.js';
import { startJvm, stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';

export interface HiveService {
  /** hive2://127.0.0.1:<port>, what the sink reads as HIVE_URL. */
  url: string;
  port: number;
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** `defaultFs`: hdfs://host:port of an HDFS (the test MiniDFSCluster) to use as Hive's file system instead of file:///. */
export async function startHive(opts: { detached?: boolean; timeoutMs?: number; defaultFs?: string } = {}): Promise<HiveService> {
  const lib = await resolveJars('hive');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hive-'));
  const tmp = path.join(dir, 'tmp');
  const conf = path.join(dir, 'conf');
  await Promise.all([mkdir(tmp), mkdir(conf)]);
  const [port] = await freePorts(1);
  await writeFile(path.join(conf, 'hive-site.xml'), hiveSite(port!, dir, opts.defaultFs));
  await writeFile(path.join(conf, 'hive-log4j2.properties'), HIVE_LOG4J2);
  const jvm = startJvm({
    name: 'hive',
    mainClass: 'org.apache.hive.service.server.HiveServer2',
    args: [],
    classpath: [conf, path.join(lib, '*')],
    heapMb: 1024,
    jvmOptions: [
      ...HIVE_JAVA17_OPTIONS,
      `-Djava.io.tmpdir=${tmp}`,
      `-Dhive.log.dir=${dir}`,
      `-Dlog4j2.configurationFile=${path.join(conf, 'hive-log4j2.properties')}`,
      `-Dderby.stream.error.file=${path.join(dir, 'derby.log')}`,
      '-Duser.timezone=UTC',
    ],
    workDir: dir,
    detached: opts.detached,
  });
  const stop = async () => {
    await stopProcess(jvm.pid, 20_000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitReady([jvm], 'HiveServer2 answering a statement', opts.timeoutMs ?? 300_000, async () => {
      const conn = await connectHive({ host: '127.0.0.1', port: port!, timeoutMs: 30_000 });
      try {
        await conn.query('SHOW DATABASES');
      } finally {
        await conn.close();
      }
    });
    const url = `hive2://127.0.0.1:${port}`;
    return { url, port: port!, dir, pids: [jvm.pid], env: { HIVE_URL: url }, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** HDFS, then Hive on it; env holds HIVE_URL, HDFS_URL (WebHDFS, where the sink writes) and HDFS_URI; stop() stops both. */
export async function startHiveOnHdfs(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<HiveService> {
  const hdfs = await startHdfs(opts);
  let hive: HiveService;
  try {
    hive = await startHive({ ...opts, defaultFs: hdfs.hdfsUri });
  } catch (err) {
    await hdfs.stop();
    throw err;
  }
  return {
    ...hive,
    pids: [...hive.pids, ...hdfs.pids],
    env: { ...hive.env, HDFS_URL: hdfs.webHdfsUrl, HDFS_URI: hdfs.hdfsUri },
    stop: async () => {
      await hive.stop();
      await hdfs.stop();
    },
  };
}
