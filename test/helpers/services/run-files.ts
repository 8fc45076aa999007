/** Pid files of services started detached by the services CLI: ~/.cache/datagen-ts/run/<svc>.json */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cacheRoot } from './java.js';

export interface RunRecord {
  /** The line `start` printed, e.g. KAFKA_BROKERS=127.0.0.1:40123 */
  line: string;
  /** JVM process ids, in start order. */
  pids: number[];
  /** Temp dir with config, data and logs. */
  dir: string;
}

function runFile(svc: string): string {
  return path.join(cacheRoot(), 'run', `${svc}.json`);
}

export async function readRunRecord(svc: string): Promise<RunRecord | undefined> {
  try {
    return JSON.parse(await readFile(runFile(svc), 'utf8')) as RunRecord;
  } catch {
    return undefined;
  }
}

export async function writeRunRecord(svc: string, rec: RunRecord): Promise<void> {
  await mkdir(path.dirname(runFile(svc)), { recursive: true });
  await writeFile(runFile(svc), JSON.stringify(rec, null, 2) + '\n');
}

export async function removeRunRecord(svc: string): Promise<void> {
  await rm(runFile(svc), { force: true });
}
