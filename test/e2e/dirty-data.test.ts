/**
 * Dirty data through the service (docs/dirty-data.md): a model with nulls, empty strings, malformed values, late
 * events and duplicates written by `datagen serve` to JSON files and to Parquet files (a typed sink, read back by
 * pyarrow). Nulls land as nulls, typed output holds no value of the wrong type, and /command/get's fault counts
 * equal what the files hold.
 */
import test from 'ava';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { readBack } from '../helpers/readback.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const ROWS = 2000;
const BATCHES = 3;
const STEP = 1000;
const DELAY = 60_000;

const model = (name: string) => JSON.stringify({
  model_name: name,
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 's', type: 'STRING', length: 10, null_rate: 0.1, empty_rate: 0.05, malformed_rate: 0.05 },
    { name: 'n', type: 'INTEGER', min: 0, max: 100, null_rate: 0.05, malformed_rate: 0.1, malformed: ['wrong_type', 'out_of_range'] },
    { name: 'ts', type: 'TIMESTAMP', late_rate: 0.2, late_by: { distribution: 'fixed', ms: DELAY } },
  ],
  Options: { TIMESTAMP_STEP_MS: STEP, DUPLICATE_RATE: 0.05 },
});

interface Out { id: number; s: unknown; n: unknown; ts: number }

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe();
});

test.after.always(async () => {
  await svc?.stop();
});

/** The faults the rows hold, seen from the rows alone: a row whose id is not its position repeats an earlier one. */
function faultsIn(rows: Out[]) {
  const counts = { null: 0, empty: 0, malformed: 0, late: 0, duplicate: 0, nearDuplicate: 0 };
  const origin = new Map<number, number>();
  rows.forEach((r, i) => {
    if (r.id === i) origin.set(r.ts - r.id * STEP, (origin.get(r.ts - r.id * STEP) ?? 0) + 1);
  });
  // The clean instants are t0 + id × STEP: t0 is the offset most rows have.
  const t0 = [...origin].sort((a, b) => b[1] - a[1])[0]![0];
  rows.forEach((r, i) => {
    if (r.id !== i) {
      counts.duplicate++;
      return;
    }
    for (const v of [r.s, r.n]) if (v === null) counts.null++;
    if (r.s === '') counts.empty++;
    if (r.s !== null && r.s !== '' && (typeof r.s !== 'string' || r.s.length !== 10)) counts.malformed++;
    if (r.n !== null && (typeof r.n !== 'number' || r.n > 100)) counts.malformed++;
    if (r.ts === t0 + r.id * STEP - DELAY) counts.late++;
    else if (r.ts !== t0 + r.id * STEP) counts.malformed += 1000; // neither clean nor late: fails the comparison
  });
  return { counts, duplicatesRepeat: rows.every((r, i) => r.id === i || JSON.stringify(r) === JSON.stringify(rows[r.id])) };
}

async function run(service: string, name: string): Promise<any> {
  const res = await submit(svc.url, service, { rows: ROWS, batches: BATCHES, seed: 17 }, { text: model(name) });
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
  const rows: Out[] = [];
  for (const f of await filesOf('dirty-json')) rows.push(...(await readFile(f, 'utf8')).split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  t.is(rows.length, ROWS * BATCHES);
  const seen = faultsIn(rows);
  t.true(seen.duplicatesRepeat, 'a duplicate is an earlier row again');
  t.deepEqual(details.faults, seen.counts);
  t.true(seen.counts.null > 0 && seen.counts.empty > 0 && seen.counts.late > 0 && seen.counts.duplicate > 0);
  t.true(rows.some((r) => typeof r.n === 'string') && rows.some((r) => typeof r.s === 'number'), 'text output takes wrong types');
});

test.serial('Parquet files (typed): nulls are Parquet nulls, no wrong types, and the counts match', async (t) => {
  const details = await run('parquet', 'dirty-parquet');
  const rows: Out[] = [];
  for (const f of await filesOf('dirty-parquet')) {
    const back = await readBack('parquet', f);
    t.deepEqual(back.columns, ['id', 's', 'n', 'ts']);
    t.deepEqual(back.types, ['int32', 'string', 'int32', 'timestamp[ms, tz=UTC]']);
    for (const [id, s, n, ts] of back.rows as [string, string | null, string | null, string][]) {
      rows.push({ id: Number(id), s, n: n === null ? null : Number(n), ts: Date.parse(ts) });
    }
  }
  t.is(rows.length, ROWS * BATCHES);
  const seen = faultsIn(rows);
  t.true(seen.duplicatesRepeat);
  t.deepEqual(details.faults, seen.counts);
  t.true(seen.counts.null > 0 && seen.counts.malformed > 0);
});
