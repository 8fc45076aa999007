/**
 * Dirty data through the service (docs/dirty-data.md): the dirty model (test/helpers/dirty-rows.ts) written by
 * `datagen serve` to JSON files and to Parquet files (a typed sink, read back by pyarrow). Nulls land as nulls,
 * text output takes wrong types and typed output none, and /command/get's fault counts equal what the files hold.
 * Kafka and PostgreSQL: dirty-data-kafka.test.ts, dirty-data-postgresql.test.ts.
 */
import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { dirtyFaultsIn, dirtyModel, type DirtyRow } from '../helpers/dirty-rows.js';
import { readBack } from '../helpers/readback.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const ROWS = 2000;
const BATCHES = 3;

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe();
});

test.after.always(async () => {
  await svc?.stop();
});

async function run(service: string, name: string): Promise<any> {
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, seed: 17 }, { text: dirtyModel(name) });
  t_is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc.url, res.body.commandUuid);
  t_is(status.status, 'FINISHED', status.comment);
  return (await getJson(svc.url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
}

function t_is(a: unknown, b: unknown, why: string): void {
  if (a !== b) throw new Error(`${String(a)} is not ${String(b)}: ${why}`);
}

async function filesOf(name: string): Promise<string[]> {
  const dir = path.join(svc.dataDir, 'output', name);
  return (await readdir(dir)).filter((f) => !f.startsWith('.')).sort().map((f) => path.join(dir, f));
}

test.serial('JSON files: the view\'s fault counts are what the rows hold; wrong types appear', async (t) => {
  const details = await run('json', 'dirty-json');
  const rows: DirtyRow[] = [];
  for (const f of await filesOf('dirty-json')) rows.push(...(await readFile(f, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  t.is(rows.length, ROWS * BATCHES);
  const seen = dirtyFaultsIn(rows);
  t.true(seen.duplicatesRepeat, 'a duplicate is an earlier row again');
  t.deepEqual(details.faults, seen.counts);
  t.true(seen.counts.null > 0 && seen.counts.empty > 0 && seen.counts.late > 0 && seen.counts.duplicate > 0);
  t.true(rows.some((r) => typeof r.n === 'string') && rows.some((r) => typeof r.s === 'number'), 'text output takes wrong types');
});

test.serial('Parquet files (typed): nulls are Parquet nulls, no wrong types, and the counts match', async (t) => {
  const details = await run('parquet', 'dirty-parquet');
  const rows: DirtyRow[] = [];
  for (const f of await filesOf('dirty-parquet')) {
    const back = await readBack('parquet', f);
    t.deepEqual(back.columns, ['id', 's', 'n', 'l', 'f', 'b', 'u', 'ts']);
    t.deepEqual(back.types, ['int32', 'string', 'int32', 'int64', 'double', 'bool', 'string', 'timestamp[ms, tz=UTC]']);
    // pyarrow's integers come back as their text, floats and booleans as such, instants as ISO text.
    for (const [id, s, n, l, fl, b, u, ts] of back.rows as [string, string | null, string | null, string | null, number | null, boolean | null, string | null, string][]) {
      rows.push({ id: Number(id), s, n: n === null ? null : Number(n), l, f: fl, b, u, ts: Date.parse(ts) });
    }
  }
  t.is(rows.length, ROWS * BATCHES);
  const seen = dirtyFaultsIn(rows);
  t.true(seen.duplicatesRepeat);
  t.is(seen.wrongTypes, 0);
  t.deepEqual(details.faults, seen.counts);
  t.true(seen.counts.null > 0 && seen.counts.malformed > 0);
});
