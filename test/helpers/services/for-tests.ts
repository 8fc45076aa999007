/**
 * One real Kafka, HBase, HDFS, HiveServer2 or SolrCloud per test file: started in test.before, stopped in test.after.always.
 * Set TEST_KAFKA_BROKERS / TEST_HBASE_REST_URL / TEST_HDFS_URL / TEST_HIVE_URL / TEST_SOLR_URL to reuse servers started with `npm run services -- start ...`.
 * Without Java or Maven the file's tests are skipped with a loud message, except under CI=true, where they fail.
 */
import type { ImplementationFn, TestFn } from 'ava';
import { startHBase } from './hbase.js';
import { startHdfs } from './hdfs.js';
import { startHive, startHiveOnHdfs } from './hive.js';
import { javaUnavailableReason, type JavaService } from './java.js';
import { startKafka } from './kafka.js';
import { startSolr } from './solr.js';

export interface ServiceForTests {
  /** test.serial, or test.serial.skip when the service cannot run on this machine. */
  test: (title: string, impl: ImplementationFn<[]>) => void;
  /** KAFKA_BROKERS (host:port), HBASE_REST_URL, HDFS_URL (WebHDFS) or HIVE_URL (hive2://) of the running service; valid once test.before has run. */
  address(): string;
  /** Resolves with address() once test.before has started the server; rejects at once when it failed to start. */
  ready(): Promise<string>;
  /** The settings a service reads to reach it (e.g. HIVE_URL, and HDFS_URL/HDFS_URI for Hive on HDFS); valid once ready() resolved. */
  env(): Record<string, string>;
}

export interface ServiceForTestsOptions {
  /** hive: on a MiniDFSCluster started with it (fs.defaultFS hdfs://, the CDP layout) instead of file:///. */
  onHdfs?: boolean;
}

/** The setting naming each service's address. */
export const ADDRESS_ENV: Record<JavaService, string> = { kafka: 'KAFKA_BROKERS', hbase: 'HBASE_REST_URL', hdfs: 'HDFS_URL', hive: 'HIVE_URL', solr: 'SOLR_URL' };

const REUSE_ENV: Record<JavaService, string> = { kafka: 'TEST_KAFKA_BROKERS', hbase: 'TEST_HBASE_REST_URL', hdfs: 'TEST_HDFS_URL', hive: 'TEST_HIVE_URL', solr: 'TEST_SOLR_URL' };

export async function serviceForTests(test: TestFn, svc: JavaService, opts: ServiceForTestsOptions = {}): Promise<ServiceForTests> {
  // A reused server says nothing of the HDFS beside it: Hive on HDFS is always started here.
  const reused = opts.onHdfs ? undefined : process.env[REUSE_ENV[svc]];
  let address = reused ?? '';
  let env: Record<string, string> = reused ? { [ADDRESS_ENV[svc]]: reused } : {};
  let started!: (address: string) => void;
  let failed!: (error: unknown) => void;
  const ready = new Promise<string>((resolve, reject) => {
    started = resolve;
    failed = reject;
  });
  // Nobody may await ready() (a file that only uses address()): keep a failed start from being an unhandled rejection.
  ready.catch(() => {});
  const handle: ServiceForTests = {
    test: (title, impl) => test.serial(title, impl),
    address: () => {
      if (!address) throw new Error(`${svc} test service is not running`);
      return address;
    },
    ready: () => ready,
    env: () => env,
  };
  if (reused) {
    started(reused);
    return handle;
  }

  const missing = await javaUnavailableReason();
  if (missing && process.env.CI !== 'true') {
    const banner = '!'.repeat(100);
    console.warn(`\n${banner}\nSKIPPING ${svc.toUpperCase()} TESTS: ${missing}.\nThey run against a real ${svc} server; under CI=true this is a failure.\n${banner}\n`);
    failed(new Error(`${svc} test service skipped: ${missing}`));
    return { ...handle, test: (title, impl) => test.serial.skip(title, impl) };
  }

  let stop: (() => Promise<void>) | undefined;
  test.before(`start ${svc}`, async (t) => {
    t.timeout(15 * 60_000, `starting ${svc} (first run resolves its jars with Maven)`);
    try {
      ({ address, env, stop } = await startJavaService(svc, missing, opts));
      started(address);
    } catch (error) {
      failed(error);
      throw error;
    }
  });
  test.after.always(`stop ${svc}`, async (t) => {
    t.timeout(2 * 60_000);
    await stop?.();
  });
  return handle;
}

async function startJavaService(svc: JavaService, missing: string | null, opts: ServiceForTestsOptions): Promise<{ address: string; env: Record<string, string>; stop: () => Promise<void> }> {
  if (missing) throw new Error(`cannot start ${svc}: ${missing}`);
  switch (svc) {
    case 'kafka': {
      const k = await startKafka();
      return withEnv(svc, k.brokers, k.stop);
    }
    case 'hive': {
      const h = opts.onHdfs ? await startHiveOnHdfs() : await startHive();
      return { address: h.url, env: h.env, stop: h.stop };
    }
    case 'solr': {
      const s = await startSolr();
      return withEnv(svc, s.url, s.stop);
    }
    case 'hdfs': {
      const h = await startHdfs();
      return withEnv(svc, h.webHdfsUrl, h.stop);
    }
    case 'hbase': {
      const h = await startHBase();
      return withEnv(svc, h.restUrl, h.stop);
    }
  }
}

function withEnv(svc: JavaService, address: string, stop: () => Promise<void>): { address: string; env: Record<string, string>; stop: () => Promise<void> } {
  return { address, env: { [ADDRESS_ENV[svc]]: address }, stop };
}
