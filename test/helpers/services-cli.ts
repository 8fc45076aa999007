/**
 * Real Kafka and HBase for people: `npm run services -- start kafka|hbase` starts one detached and prints exactly
 * one line (KAFKA_BROKERS=host:port or HBASE_REST_URL=url) to stdout; `npm run services -- stop kafka|hbase` stops it.
 * Progress and errors go to stderr. Logs and data live in the temp dir named in ~/.cache/datagen-ts/run/<svc>.json.
 */
import { rm } from 'node:fs/promises';
import { startHBase } from './services/hbase.js';
import type { JavaService } from './services/java.js';
import { isAlive, stopProcess } from './services/jvm.js';
import { startKafka } from './services/kafka.js';
import { readRunRecord, removeRunRecord, writeRunRecord } from './services/run-files.js';

const USAGE = 'usage: npm run services -- start|stop|status kafka|hbase';

async function start(svc: JavaService): Promise<string> {
  const existing = await readRunRecord(svc);
  if (existing && existing.pids.every(isAlive)) return existing.line;
  if (existing) await stop(svc);
  console.error(`starting ${svc} (the first run downloads its jars from Maven Central)...`);
  const started = svc === 'kafka' ? await startKafka({ detached: true }) : await startHBase({ detached: true });
  const line = svc === 'kafka' ? `KAFKA_BROKERS=${(started as { brokers: string }).brokers}` : `HBASE_REST_URL=${(started as { restUrl: string }).restUrl}`;
  await writeRunRecord(svc, { line, pids: started.pids, dir: started.dir });
  console.error(`${svc} running (pids ${started.pids.join(', ')}, logs in ${started.dir}); stop it with: npm run services -- stop ${svc}`);
  return line;
}

async function stop(svc: JavaService): Promise<void> {
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

async function status(svc: JavaService): Promise<string> {
  const rec = await readRunRecord(svc);
  if (!rec) return `${svc}: not running`;
  return rec.pids.every(isAlive) ? rec.line : `${svc}: stale run record (pids ${rec.pids.join(', ')} gone)`;
}

async function main(argv: string[]): Promise<void> {
  const [cmd, svc] = argv;
  if (svc !== 'kafka' && svc !== 'hbase') throw new Error(USAGE);
  if (cmd === 'start') console.log(await start(svc));
  else if (cmd === 'stop') await stop(svc);
  else if (cmd === 'status') console.log(await status(svc));
  else throw new Error(USAGE);
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
