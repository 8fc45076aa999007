/**
 * Real Kafka, HBase, HDFS, HiveServer2, SolrCloud, object stores, PostgreSQL and MariaDB for people:
 * `npm run services -- start kafka|kafka-secure|hbase|hdfs|hive|solr|s3|azure|gcs|postgres|mysql|kudu|ldap`
 * starts one detached and prints its settings, one VAR=value a line (KAFKA_BROKERS=host:port, HBASE_REST_URL=url,
 * HDFS_URL=<WebHDFS url> and HDFS_URI=hdfs://host:port, HIVE_URL=hive2://host:port, SOLR_URL=http://host:port/solr with SOLR_USER/SOLR_PASSWORD, S3_ENDPOINT with S3_ACCESS_KEY_ID/S3_ACCESS_KEY_SECRET/
 * S3_REGION, ADLS_CONNECTION_STRING with ADLS_ENDPOINT/ADLS_ACCOUNT_NAME, GCS_ENDPOINT with GCS_PROJECT_ID,
 * POSTGRESQL_URL=postgresql://user:password@host:port/database, MYSQL_URL=mysql://user:password@host:port/database,
 * KUDU_MASTERS=host:port, ldap: DATAGEN_LDAP_URL with the search, service-account and group settings of its test directory, ollama: OLLAMA_URL, OPENAI_BASE_URL and LLM_MODEL (the tiny model's name); kafka-secure: KAFKA_BROKERS of its SASL_SSL listener with KAFKA_SECURITY_PROTOCOL,
 * KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, KAFKA_TRUSTSTORE_LOCATION/PASSWORD and KAFKA_CA_FILE) to
 * stdout, so `env $(npm run -s services -- start s3) npm start` writes there; `npm run services -- stop <svc>` stops it.
 * Progress and errors go to stderr. Logs and data live in the temp dir named in ~/.cache/datagen-ts/run/<svc>.json.
 */
import { rm } from 'node:fs/promises';
import { startAzurite } from './services/azurite.js';
import { startGcs } from './services/gcs.js';
import { startHBase } from './services/hbase.js';
import { startHdfs } from './services/hdfs.js';
import { startHive } from './services/hive.js';
import type { JavaService } from './services/java.js';
import { isAlive, stopProcess } from './services/jvm.js';
import { startKafka } from './services/kafka.js';
import { startSecureKafka } from './services/kafka-secure.js';
import { startKudu } from './services/kudu.js';
import { startLdap } from './services/ldap.js';
import { startMariaDb } from './services/mariadb.js';
import { startOllama } from './services/ollama.js';
import { startPostgres } from './services/postgres.js';
import { startS3 } from './services/s3.js';
import { solrEnv, startSolr } from './services/solr.js';
import { readRunRecord, removeRunRecord, writeRunRecord } from './services/run-files.js';

const USAGE = 'usage: npm run services -- start|stop|status kafka|kafka-secure|hbase|hdfs|hive|solr|s3|azure|gcs|postgres|mysql|kudu|ollama|ldap';

/** Servers that are not JVMs, each started by one function returning its pids, temp dir and settings. */
type ObjectStore = 's3' | 'azure' | 'gcs' | 'postgres' | 'mysql' | 'kudu' | 'ollama' | 'ldap';
type Service = JavaService | ObjectStore | 'kafka-secure';
const SERVICES: readonly Service[] = ['kafka', 'kafka-secure', 'hbase', 'hdfs', 'hive', 'solr', 's3', 'azure', 'gcs', 'postgres', 'mysql', 'kudu', 'ollama', 'ldap'];

const START_OBJECT_STORE: Record<ObjectStore, (opts: { detached: boolean }) => Promise<{ pids: number[]; dir: string; env: Record<string, string> }>> = {
  s3: startS3,
  azure: startAzurite,
  gcs: startGcs,
  postgres: startPostgres,
  mysql: startMariaDb,
  kudu: startKudu,
  ollama: startOllama,
  ldap: startLdap,
};

async function start(svc: Service): Promise<string> {
  const existing = await readRunRecord(svc);
  if (existing && existing.pids.every(isAlive)) return existing.line;
  if (existing) await stop(svc);
  console.error(`starting ${svc} (the first run downloads its jars from Maven Central)...`);
  let started: { pids: number[]; dir: string };
  let line: string;
  if (svc in START_OBJECT_STORE) {
    const o = await START_OBJECT_STORE[svc as ObjectStore]({ detached: true });
    [started, line] = [o, Object.entries(o.env).map(([k, v]) => `${k}=${v}`).join('\n')];
  } else if (svc === 'kafka') {
    const k = await startKafka({ detached: true });
    [started, line] = [k, `KAFKA_BROKERS=${k.brokers}`];
  } else if (svc === 'kafka-secure') {
    const k = await startSecureKafka({ detached: true });
    [started, line] = [k, Object.entries(k.env).map(([key, v]) => `${key}=${v}`).join('\n')];
  } else if (svc === 'hive') {
    const h = await startHive({ detached: true });
    [started, line] = [h, `HIVE_URL=${h.url}`];
  } else if (svc === 'solr') {
    const s = await startSolr({ detached: true });
    [started, line] = [s, Object.entries(solrEnv(s.url)).map(([k, v]) => `${k}=${v}`).join('\n')];
  } else if (svc === 'hdfs') {
    const h = await startHdfs({ detached: true });
    [started, line] = [h, `HDFS_URL=${h.webHdfsUrl}\nHDFS_URI=${h.hdfsUri}`];
  } else {
    const h = await startHBase({ detached: true });
    [started, line] = [h, `HBASE_REST_URL=${h.restUrl}`];
  }
  await writeRunRecord(svc, { line, pids: started.pids, dir: started.dir });
  console.error(`${svc} running (pids ${started.pids.join(', ')}, logs in ${started.dir}); stop it with: npm run services -- stop ${svc}`);
  return line;
}

async function stop(svc: Service): Promise<void> {
  const rec = await readRunRecord(svc);
  if (!rec) {
    console.error(`${svc} is not running (no run record)`);
    return;
  }
  for (const pid of [...rec.pids].reverse()) await stopProcess(pid, 30_000);
  await rm(rec.dir, { recursive: true, force: true });
  await removeRunRecord(svc);
  console.error(`${svc} stopped`);
}

async function status(svc: Service): Promise<string> {
  const rec = await readRunRecord(svc);
  if (!rec) return `${svc}: not running`;
  return rec.pids.every(isAlive) ? rec.line : `${svc}: stale run record (pids ${rec.pids.join(', ')} gone)`;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, svc] = argv;
  if (!SERVICES.includes(svc as Service)) throw new Error(USAGE);
  const name = svc as Service;
  if (cmd === 'start') console.log(await start(name));
  else if (cmd === 'stop') await stop(name);
  else if (cmd === 'status') console.log(await status(name));
  else throw new Error(USAGE);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
