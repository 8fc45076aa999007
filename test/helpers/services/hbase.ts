/**
 * A real standalone Apache HBase for tests and local use: HMaster in local mode (master, region server and an
 * embedded ZooKeeper in one JVM, data under a file:// root in a temp dir) plus the REST gateway in a second JVM.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HBASE_JAVA17_OPTIONS, HBASE_LOG4J, hbaseSite } from './hbase-config.js';
import { resolveJars } from './java.js';
import { type Jvm, startJvm, stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';

export interface HBaseService {
  /** Base URL of the REST gateway, e.g. http://127.0.0.1:41234 */
  restUrl: string;
  dir: string;
  pids: number[];
  stop(): Promise<void>;
}

export async function startHBase(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<HBaseService> {
  const lib = await resolveJars('hbase');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-hbase-'));
  const jvms: Jvm[] = [];
  const stop = async () => {
    // REST first: it is a client of the cluster.
    for (const jvm of [...jvms].reverse()) await stopProcess(jvm.pid, 30_000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const [zookeeper, master, regionServer, rest] = await freePorts(4);
    const conf = path.join(dir, 'conf');
    await mkdir(conf);
    await writeFile(path.join(conf, 'hbase-site.xml'), hbaseSite({ zookeeper: zookeeper!, master: master!, regionServer: regionServer!, rest: rest! }, dir));
    await writeFile(path.join(conf, 'log4j.properties'), HBASE_LOG4J);
    const classpath = [conf, path.join(lib, '*')];
    const jvmOptions = [...HBASE_JAVA17_OPTIONS, `-Dhbase.log.dir=${dir}`, `-Dlog4j.configuration=file:${conf}/log4j.properties`];
    const timeoutMs = opts.timeoutMs ?? 180_000;
    const common = { classpath, jvmOptions, workDir: dir, detached: opts.detached };
    const masterJvm = startJvm({ ...common, name: 'hbase-master', mainClass: 'org.apache.hadoop.hbase.master.HMaster', args: ['start'], heapMb: 1024 });
    jvms.push(masterJvm);
    const restJvm = startJvm({ ...common, name: 'hbase-rest', mainClass: 'org.apache.hadoop.hbase.rest.RESTServer', args: ['start'], heapMb: 512 });
    jvms.push(restJvm);
    const restUrl = `http://127.0.0.1:${rest}`;
    const service: HBaseService = { restUrl, dir, pids: jvms.map((j) => j.pid), stop };
    await waitReady(jvms, 'HBase REST /version/cluster', timeoutMs, async () =>
      expectOk(await fetch(`${restUrl}/version/cluster`, { headers: { Accept: 'application/json' } }), 'GET /version/cluster'),
    );
    await waitReady(jvms, 'an HBase table can be created', timeoutMs, () => probeTableCreate(restUrl));
    return service;
  } catch (err) {
    await stop();
    throw err;
  }
}

async function expectOk(res: Response, what: string): Promise<void> {
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
}

/** The master is initialised (meta assigned, procedures running) when a create + drop of a table succeeds. */
async function probeTableCreate(restUrl: string): Promise<void> {
  const url = `${restUrl}/datagen_probe/schema`;
  const headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
  await expectOk(await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ name: 'datagen_probe', ColumnSchema: [{ name: 'cf' }] }) }), 'create probe table');
  await expectOk(await fetch(url, { method: 'DELETE', headers }), 'drop probe table');
}
