/**
 * A real SolrCloud for tests and local use: MiniSolrCloudCluster from solr-test-framework (an embedded ZooKeeper
 * and two Solr nodes in one JVM, on loopback with ephemeral ports, data in a temp dir), started by a small Java main
 * (java/SolrMiniCloud.java, compiled once into the jar cache) that requires basic authentication (SOLR_TEST_USER /
 * SOLR_TEST_PASSWORD) on every request and writes the first node's base URL to a file once every node is live.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileJavaMain, resolveJars } from './java.js';
import { startJvm, stopProcess, waitReady } from './jvm.js';

/** The test cluster's one user (an admin); fixed, so a cluster started by the services CLI can be reused by tests. */
export const SOLR_TEST_USER = 'datagen';
export const SOLR_TEST_PASSWORD = 'solr-Test-Pa55-7d1c';
export const SOLR_TEST_NODES = 2;

export interface SolrService {
  /** Base URL of the first node, http://127.0.0.1:<port>/solr */
  url: string;
  dir: string;
  pids: number[];
  stop(): Promise<void>;
}

const MAIN_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'java', 'SolrMiniCloud.java');

export async function startSolr(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<SolrService> {
  const lib = await resolveJars('solr');
  const classes = await compileJavaMain(lib, MAIN_SOURCE);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-solr-'));
  const readyFile = path.join(dir, 'ready');
  const jvm = startJvm({
    name: 'solr',
    mainClass: 'SolrMiniCloud',
    args: [readyFile, path.join(dir, 'cloud'), String(SOLR_TEST_NODES), SOLR_TEST_USER, SOLR_TEST_PASSWORD],
    classpath: [classes, path.join(lib, '*')],
    heapMb: 768,
    jvmOptions: [`-Djava.io.tmpdir=${dir}`],
    workDir: dir,
    detached: opts.detached,
  });
  const stop = async () => {
    await stopProcess(jvm.pid, 30_000);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const timeoutMs = opts.timeoutMs ?? 180_000;
    const url = await waitReady([jvm], 'MiniSolrCloudCluster up', timeoutMs, async () => (await readFile(readyFile, 'utf8')).trim());
    await waitReady([jvm], 'the Collections API answering', timeoutMs, async () => {
      const res = await fetch(`${url}/admin/collections?action=LIST&wt=json`, { headers: { Authorization: solrTestAuthorization() } });
      if (res.status !== 200) throw new Error(`LIST: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
      await res.body?.cancel();
    });
    return { url, dir, pids: [jvm.pid], stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

export function solrTestAuthorization(): string {
  return `Basic ${Buffer.from(`${SOLR_TEST_USER}:${SOLR_TEST_PASSWORD}`).toString('base64')}`;
}

/** The settings a service reads to write to this cluster, as the services CLI prints them. */
export function solrEnv(url: string): Record<string, string> {
  return { SOLR_URL: url, SOLR_USER: SOLR_TEST_USER, SOLR_PASSWORD: SOLR_TEST_PASSWORD };
}
