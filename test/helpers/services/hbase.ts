/**
 * A real standalone Apache HBase for tests and local use: HMaster in local mode (master, region server and an
 * embedded ZooKeeper in one JVM, data under a file:// root in a temp dir) plus the REST gateway in a second JVM.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { HBASE_JAVA17_OPTIONS, HBASE_LOG4J, hbaseSite } from './hbase-config.js';
import { resolveJars } from './java.js';
import { type Jvm, startJvm, stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';
import { makeTlsCertificates } from './tls-certs.js';
import { httpRequest, type HttpAnswer } from '../../../src/sinks/http/http-request.js';

export interface HBaseService {
  /** Base URL of the REST gateway, e.g. http://127.0.0.1:41234 (https with restTls) */
  restUrl: string;
  /** With restTls: the PEM of the CA that signed the gateway's certificate (SAN 127.0.0.1, localhost). */
  caFile?: string;
  dir: string;
  pids: number[];
  stop(): Promise<void>;
}

export interface HBaseStartOptions {
  detached?: boolean;
  timeoutMs?: number;
  /** The REST gateway listens with TLS only, with a certificate from a fresh test CA. */
  restTls?: boolean;
}

/**
 * Starts HBase, again with fresh ports when a JVM dies before it is ready: the ports are free when chosen, but
 * another server starting beside it (a second HBase's ZooKeeper clients take ephemeral ports) can bind one first,
 * and the region server then dies in its RPC server's constructor. Other failures are not retried.
 */
export async function startHBase(opts: HBaseStartOptions = {}): Promise<HBaseService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startHBaseOnce(opts);
    } catch (err) {
      const diedEarly = /^hbase-(master|rest) exited \(/.test((err as Error).message);
      if (!diedEarly || attempt === 3) throw err;
      console.warn(`HBase died while starting (attempt ${attempt}), starting again on other ports: ${(err as Error).message.split('\n')[0]}`);
    }
  }
}

async function startHBaseOnce(opts: HBaseStartOptions): Promise<HBaseService> {
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
    const certs = opts.restTls ? await makeTlsCertificates(await mkdir(path.join(dir, 'certs'), { recursive: true }).then(() => path.join(dir, 'certs'))) : undefined;
    const restTls = certs && { keystore: certs.serverP12, password: certs.storePassword };
    await writeFile(path.join(conf, 'hbase-site.xml'), hbaseSite({ zookeeper: zookeeper!, master: master!, regionServer: regionServer!, rest: rest! }, dir, restTls));
    await writeFile(path.join(conf, 'log4j.properties'), HBASE_LOG4J);
    const classpath = [conf, path.join(lib, '*')];
    const jvmOptions = [...HBASE_JAVA17_OPTIONS, `-Dhbase.log.dir=${dir}`, `-Dlog4j.configuration=file:${conf}/log4j.properties`];
    const timeoutMs = opts.timeoutMs ?? 180_000;
    const common = { classpath, jvmOptions, workDir: dir, detached: opts.detached };
    const masterJvm = startJvm({ ...common, name: 'hbase-master', mainClass: 'org.apache.hadoop.hbase.master.HMaster', args: ['start'], heapMb: 1024 });
    jvms.push(masterJvm);
    const restJvm = startJvm({ ...common, name: 'hbase-rest', mainClass: 'org.apache.hadoop.hbase.rest.RESTServer', args: ['start'], heapMb: 512 });
    jvms.push(restJvm);
    const restUrl = `${certs ? 'https' : 'http'}://127.0.0.1:${rest}`;
    const service: HBaseService = { restUrl, ...(certs ? { caFile: certs.caPem } : {}), dir, pids: jvms.map((j) => j.pid), stop };
    const endpoint = { url: restUrl, display: restUrl, name: `HBase REST ${restUrl}` };
    const tls = certs ? { ca: await readFile(certs.caPem) } : {};
    const probe = (method: string, path: string, body?: string) =>
      httpRequest(endpoint, tls, { method, path, headers: { Accept: 'application/json', 'Content-Type': 'application/json' }, ...(body ? { body } : {}), timeoutMs: 10_000 });
    await waitReady(jvms, 'HBase REST /version/cluster', timeoutMs, async () => expectOk(await probe('GET', '/version/cluster'), 'GET /version/cluster'));
    await waitReady(jvms, 'an HBase table can be created', timeoutMs, () => probeTableCreate(probe));
    return service;
  } catch (err) {
    await stop();
    throw err;
  }
}

type Probe = (method: string, path: string, body?: string) => Promise<HttpAnswer>;

function expectOk(res: HttpAnswer, what: string): void {
  if (res.status < 200 || res.status >= 300) throw new Error(`${what}: HTTP ${res.status} ${res.text.slice(0, 200)}`);
}

/** The master is initialised (meta assigned, procedures running) when a create + drop of a table succeeds. */
async function probeTableCreate(probe: Probe): Promise<void> {
  expectOk(await probe('PUT', '/datagen_probe/schema', JSON.stringify({ name: 'datagen_probe', ColumnSchema: [{ name: 'cf' }] })), 'create probe table');
  expectOk(await probe('DELETE', '/datagen_probe/schema'), 'drop probe table');
}
