/**
 * One real Kafka, HBase, HDFS, HiveServer2 or SolrCloud per test file: started in test.before, stopped in test.after.always.
 * Set TEST_KAFKA_BROKERS / TEST_HBASE_REST_URL / TEST_HDFS_URL / TEST_HIVE_URL / TEST_SOLR_URL to reuse servers started with `npm run services -- start ...`.
 * Without Java or Maven the file's tests are skipped with a loud message, except under CI=true, where they fail.
 */
import type { ImplementationFn, TestFn } from 'ava';
import { startHBase } from './hbase.js';
import { startHdfs } from './hdfs.js';
import { startHive } from './hive.js';
import { javaUnavailableReason, type JavaService } from './java.js';
import { startKafka } from './kafka.js';
import { startSolr } from './solr.js';

export interface ServiceForTests {
  /** test.serial, or test.serial.skip when the service cannot run on this machine. */
  test: (title: string, impl: ImplementationFn<[]>) => void;
  /** KAFKA_BROKERS (host:port), HBASE_REST_URL, HDFS_URL (WebHDFS) or HIVE_URL (hive2://) of the running service; valid once test.before has run. */
  address(): string;
}

const REUSE_ENV: Record<JavaService, string> = { kafka: 'TEST_KAFKA_BROKERS', hbase: 'TEST_HBASE_REST_URL', hdfs: 'TEST_HDFS_URL', hive: 'TEST_HIVE_URL', solr: 'TEST_SOLR_URL' };

export async function serviceForTests(test: TestFn, svc: JavaService): Promise<ServiceForTests> {
  const reused = process.env[REUSE_ENV[svc]];
  let address = reused ?? '';
  const handle: ServiceForTests = {
    test: (title, impl) => test.serial(title, impl),
    address: () => {
      if (!address) throw new Error(`${svc} test service is not running`);
      return address;
    },
  };
  if (reused) return handle;

  const missing = await javaUnavailableReason();
  if (missing && process.env.CI !== 'true') {
    const banner = '!'.repeat(100);
    console.warn(`\n${banner}\nSKIPPING ${svc.toUpperCase()} TESTS: ${missing}.\nThey run against a real ${svc} server; under CI=true this is a failure.\n${banner}\n`);
    return { ...handle, test: (title, impl) => test.serial.skip(title, impl) };
  }

  let stop: (() => Promise<void>) | undefined;
  test.before(`start ${svc}`, async (t) => {
    t.timeout(15 * 60_000, `starting ${svc} (first run resolves its jars with Maven)`);
    if (missing) throw new Error(`cannot start ${svc}: ${missing}`);
    if (svc === 'kafka') {
      const k = await startKafka();
      address = k.brokers;
      stop = k.stop;
    } else if (svc === 'hive') {
      const h = await startHive();
      address = h.url;
      stop = h.stop;
    } else if (svc === 'solr') {
      const s = await startSolr();
      address = s.url;
      stop = s.stop;
    } else if (svc === 'hdfs') {
      const h = await startHdfs();
      address = h.webHdfsUrl;
      stop = h.stop;
    } else {
      const h = await startHBase();
      address = h.restUrl;
      stop = h.stop;
    }
  });
  test.after.always(`stop ${svc}`, async (t) => {
    t.timeout(2 * 60_000);
    await stop?.();
  });
  return handle;
}
