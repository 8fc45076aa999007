/**
 * The data-lake sinks (<store>_<format>) through the API of a real `datagen serve` pointed at a real store: every
 * format submitted with the seeded customer model, its files listed and downloaded with the store's own client and
 * parsed by the independent readers (readback.py), equal to the same command written by the local sink of that
 * format and to a few literal values; DELETE_PREVIOUS and single-file mode; and the failures (an unreachable
 * server, bad credentials, a wrong model key). Called once from each store family's e2e file, so each server and
 * service start once per file.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ExecutionContext, ImplementationFn, TestFn } from 'ava';
import { freePort } from './services/ports.js';
import type { StoreReader } from './lake-store-readers.js';
import { readBack, type ReadBack } from './readback.js';
import { customerModel } from './service-with-sink-server.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from './service-process.js';

export const LAKE_FORMATS = ['csv', 'json', 'avro', 'parquet', 'orc'] as const;
export type LakeFormat = (typeof LAKE_FORMATS)[number];

const ROWS = 40;
const BATCHES = 3;
const SEED = 20261201;
const COLUMNS = ['customer_id', 'first_name', 'email', 'phone', 'birthdate', 'city', 'country', 'membership', 'balance', 'active'];

/** A per-command setting that fails, with what the FAILED comment must name and what must be nowhere. */
export interface FailingSettings {
  /** extraProperties of the command. */
  properties: Record<string, string>;
  /** Texts the comment must hold (the sink's address). */
  names: string[];
  /** A secret of the command that must appear in no answer, view, history or log line. */
  secret?: string;
}

export interface LakeStore {
  /** The service prefix: 'hdfs', 's3', 'ozone', 'adls', 'gcs'. */
  store: string;
  test: (title: string, impl: ImplementationFn<[]>) => void;
  service(): ServiceProcess;
  /** The Table_Names placing a command's files in directory `dir` with file names starting `name`. */
  tableNames(dir: string, name: string): Record<string, string>;
  /** A reader of the store (its own client); `file` and `dir` as dirPath gives them. */
  reader(): StoreReader;
  /** The reader's path of `dir` as given to tableNames. */
  dirPath(dir: string): string;
  /** The format single-file mode and DELETE_PREVIOUS are run with. */
  singleFileFormat: LakeFormat;
  /**
   * Per-command settings that must fail the command: the sink pointed at a closed port, bad credentials (left out,
   * with the reason in the file's comment, where the server checks none). Built when the test runs.
   */
  failures: Array<{ title: string; settings: () => FailingSettings }>;
  /** Model keys with a wrong value, each a 400 naming `field`. */
  badKeys: Array<{ tableNames?: Record<string, string>; options?: Record<string, string>; field: string }>;
}

/**
 * One `datagen serve` for the file, started once the store's server is up (ava runs before-hooks concurrently, so
 * this waits for `env` to stop throwing). The service allows the endpoints of its own configuration; the closed
 * port that commands name is allowed explicitly (DATAGEN_ALLOWED_ENDPOINTS, host:port patterns).
 */
export function lakeService(test: TestFn, env: () => Record<string, string>) {
  let svc: ServiceProcess | undefined;
  let closedPort = 0;
  test.before('start the service against the store', async (t) => {
    t.timeout(16 * 60_000);
    let e: Record<string, string> | undefined;
    while (!e) {
      try {
        e = env();
      } catch {
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    closedPort = await freePort(); // nothing listens there
    svc = await startServe({ env: { ...e, DATAGEN_ALLOWED_ENDPOINTS: `127.0.0.1:${closedPort}` } });
  });
  test.after.always('stop the service', async () => {
    await svc?.stop();
  });
  return {
    service: () => {
      if (!svc) throw new Error('the service is not running');
      return svc;
    },
    closedPort: () => closedPort,
  };
}

const unique = (what: string) => `e2e-${what}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
export const batchFiles = (name: string, ext: string) => Array.from({ length: BATCHES }, (_, b) => `${name}-${String(b).padStart(10, '0')}.${ext}`);

/** Submits the seeded command (ROWS × BATCHES) and asserts it FINISHED with every row. */
export async function runLakeCommand(t: ExecutionContext, svc: ServiceProcess, service: string, model: string, fields: Record<string, string | number> = {}) {
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, threads: 2, seed: SEED, ...fields }, { text: model });
  t.is(res.status, 200, `${service}: ${JSON.stringify(res.body)}`);
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FINISHED', `${service}: ${JSON.stringify(status)}`);
  t.is(status.rowsWritten, ROWS * BATCHES);
  return status;
}

/** Reads a downloaded file with readback.py. */
export async function readBytes(format: LakeFormat, bytes: Buffer): Promise<ReadBack> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-lake-e2e-'));
  try {
    const file = path.join(dir, `f.${format}`);
    await writeFile(file, bytes);
    return await readBack(format, file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Values the seeded command must hold whichever path wrote it, so a bug shared by the store's and the local path
 * still fails: the model's columns in order, customer_id min + batch × rows + row, the LINKed country, the weighted
 * membership values, balance in [0, 25000).
 */
function assertLiterals(t: ExecutionContext, back: ReadBack, batch: number, label: string) {
  t.deepEqual(back.columns, COLUMNS, label);
  t.is(back.rows.length, ROWS, label);
  const col = (name: string) => back.rows.map((r) => r[COLUMNS.indexOf(name)]);
  t.deepEqual(col('customer_id'), Array.from({ length: ROWS }, (_, r) => String(1_000_000 + batch * ROWS + r)), label);
  t.true(col('country').every((c) => c === 'USA'), `${label}: ${JSON.stringify(col('country'))}`);
  t.true(col('membership').every((m) => ['BRONZE', 'SILVER', 'GOLD', 'PLATINUM'].includes(m as string)), label);
  t.true(col('balance').every((b) => typeof b === 'number' && b >= 0 && b < 25000), label);
}

export function lakeCases(s: LakeStore): void {
  for (const format of LAKE_FORMATS) {
    s.test(`${s.store}_${format} through the API: FINISHED, the store's files read back equal to the local ${format} sink's, rows, columns, types and values`, async (t) => {
      const svc = s.service();
      const dir = unique(format);
      const model = await customerModel({ ...s.tableNames(dir, 'cust'), LOCAL_FILE_PATH: `output/${dir}/`, LOCAL_FILE_NAME: 'cust' });
      await runLakeCommand(t, svc, `${s.store}_${format}`, model);
      await runLakeCommand(t, svc, format, model);
      const reader = s.reader();
      try {
        const names = batchFiles('cust', format);
        t.deepEqual(await reader.list(s.dirPath(dir)), names, 'one file per batch, named as the original, nothing else left');
        const localDir = path.join(svc.dataDir, 'output', dir);
        t.deepEqual((await readdir(localDir)).sort(), names);
        for (const [b, name] of names.entries()) {
          const fromStore = await readBytes(format, await reader.get(`${s.dirPath(dir)}/${name}`));
          const fromLocal = await readBytes(format, await readFile(path.join(localDir, name)));
          t.deepEqual(fromStore.columns, fromLocal.columns, name);
          t.deepEqual(fromStore.types, fromLocal.types, name);
          t.deepEqual(fromStore.rows, fromLocal.rows, name);
          assertLiterals(t, fromStore, b, `${s.store} ${name}`);
        }
      } finally {
        reader.close();
      }
    });
  }

  s.test(`${s.store}_${s.singleFileFormat} through the API: DELETE_PREVIOUS clears the per-batch files, single-file mode leaves one file of every row in order`, async (t) => {
    const svc = s.service();
    const format = s.singleFileFormat;
    const dir = unique('single');
    const tableNames = s.tableNames(dir, 'all');
    await runLakeCommand(t, svc, `${s.store}_${format}`, await customerModel(tableNames));
    const reader = s.reader();
    try {
      t.deepEqual(await reader.list(s.dirPath(dir)), batchFiles('all', format));
      const perBatch: unknown[][] = [];
      for (const name of batchFiles('all', format)) perBatch.push(...(await readBytes(format, await reader.get(`${s.dirPath(dir)}/${name}`))).rows);
      await runLakeCommand(t, svc, `${s.store}_${format}`, await customerModel(tableNames, { ONE_FILE_PER_ITERATION: 'false', DELETE_PREVIOUS: 'true' }), { threads: 3 });
      t.deepEqual(await reader.list(s.dirPath(dir)), [`all.${format}`], 'the earlier per-batch files deleted, no parts left');
      const single = await readBytes(format, await reader.get(`${s.dirPath(dir)}/all.${format}`));
      t.is(single.rows.length, ROWS * BATCHES);
      t.deepEqual(single.rows, perBatch, 'the same seeded rows, in batch order');
    } finally {
      reader.close();
    }
  });

  const failing = (title: string, settings: () => FailingSettings) =>
    s.test(`${s.store}_csv through the API: ${title} FAILS the command, naming the sink and its address, no secret anywhere`, async (t) => {
      const svc = s.service();
      const f = settings();
      const model = await customerModel(s.tableNames(unique('fail'), 'cust'));
      const res = await submit(svc.url, `${s.store}_csv`, { rows: 5, batches: 1, extraProperties: JSON.stringify(f.properties) }, { text: model });
      t.is(res.status, 200, JSON.stringify(res.body));
      const status = await waitForTerminal(svc.url, res.body.commandUuid, 240_000);
      t.is(status.status, 'FAILED', JSON.stringify(status));
      t.true(status.comment.includes(`${s.store}_csv`), status.comment);
      for (const name of f.names) t.true(status.comment.includes(name), `${status.comment} names ${name}`);
      const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body;
      t.false(history.events.some((e: { type: string }) => e.type === 'finished'));
      if (f.secret) {
        for (const [where, text] of [['answer', JSON.stringify(res.body)], ['status', JSON.stringify(status)], ['history', JSON.stringify(history)], ['log', svc.output()]] as const) {
          t.false(text.includes(f.secret), `the secret appears in the ${where}`);
        }
      }
    });
  for (const f of s.failures) failing(f.title, f.settings);

  for (const bad of s.badKeys) {
    const value = JSON.stringify({ ...bad.tableNames, ...bad.options });
    s.test(`${s.store}_csv through the API: a wrong ${bad.field} (${value}) answers 400 naming the key`, async (t) => {
      const model = await customerModel({ ...s.tableNames(unique('bad'), 'cust'), ...bad.tableNames }, bad.options);
      const res = await submit(s.service().url, `${s.store}_csv`, { rows: 5, batches: 1 }, { text: model });
      t.is(res.status, 400, JSON.stringify(res.body));
      t.true(res.body.error.includes(bad.field), res.body.error);
    });
  }
}
