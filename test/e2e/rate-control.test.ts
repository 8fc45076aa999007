/**
 * End to end: rate-controlled commands on `datagen serve` (embedded nats-server), to JSON files. A paced command
 * finishes with exactly its rows, stamped with their scheduled instants; one with no end runs until cancelled, and
 * the cancel stops it; bad rate parameters are 400s. Asserted on rows and states, not on timing.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { offsetOfRow } from '../../src/command/rate-schedule.js';
import { getJson, ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = (name: string) => JSON.stringify({
  model_name: name,
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'word', type: 'STRING', length: 6 }],
});

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe();
});

test.after.always(async () => {
  await svc?.stop();
});

async function rowsIn(dir: string): Promise<Array<{ id: number; ts: string | number }>> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const out: Array<{ id: number; ts: string | number }> = [];
  for (const f of files) for (const l of (await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean)) out.push(JSON.parse(l));
  return out;
}

async function statusOf(uuid: string) {
  return (await getJson(svc.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body;
}

test.serial('a rate-controlled command finishes with exactly its rows, each TIMESTAMP its scheduled instant', async (t) => {
  const rate = { rowsPerSecond: 800, endRowsPerSecond: 1600, rampSeconds: 0.5, burst: 10 };
  // 600 rows fill the ramp (0.5 s from 800 to 1600 rows/s); the fifth batch runs at the end rate, so the command ends
  // past the ramp whatever the machine's speed (no row is written before its instant) and its target is the end rate.
  const res = await submit(svc.url, 'json', { rows: 150, batches: 5, threads: 2, seed: 11, rows_per_second: 800, ramp_to_rows_per_second: 1600, ramp_seconds: 0.5, burst: 10 }, { text: MODEL('paced') });
  t.is(res.status, 200, JSON.stringify(res.body));
  const status = await waitForTerminal(svc.url, res.body.commandUuid);
  t.is(status.status, 'FINISHED');
  t.is(status.rowsWritten, 750);
  t.is(status.targetRowsPerSecond, 1600);
  t.true(typeof status.actualRowsPerSecond === 'number' || status.actualRowsPerSecond === null);
  const details = (await getJson(svc.url, `/command/get?commandUuid=${res.body.commandUuid}`)).body;
  const reference = Date.parse(details.queuedAt);
  const rows = (await rowsIn(path.join(svc.dataDir, 'output', 'paced'))).sort((a, b) => a.id - b.id);
  t.deepEqual(rows.map((r) => r.id), Array.from({ length: 750 }, (_, i) => i));
  const off = rows.filter((r) => new Date(r.ts).getTime() !== reference + Math.floor(offsetOfRow(rate, r.id)));
  t.deepEqual(off.slice(0, 3), [], 'every row stamped with its instant');
});

test.serial('a command with no end runs batch after batch until cancelled, and the cancel stops it', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 250, threads: 2, rows_per_second: 1000 }, { text: MODEL('endless') });
  t.is(res.status, 200, JSON.stringify(res.body));
  const uuid = res.body.commandUuid;
  let status = await statusOf(uuid);
  t.is(status.unbounded, true);
  t.is(status.batches, 0);
  while (status.batchesCompleted < 4) {
    t.is(status.status === 'FINISHED', false);
    await new Promise((r) => setTimeout(r, 100));
    status = await statusOf(uuid);
  }
  t.is(status.status, 'RUNNING');
  t.is(status.targetRowsPerSecond, 1000);
  const cancel = await getJson(svc.url, `/command/cancel?commandUuid=${uuid}`);
  t.is(cancel.status, 200);
  t.is((await waitForTerminal(svc.url, uuid)).status, 'CANCELLED');
  const history = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`)).body.events as Array<{ type: string; data: { batch?: number } }>;
  const asked = history.findIndex((e) => e.type === 'cancel-requested');
  const ended = history.findIndex((e) => e.type === 'cancelled');
  t.true(asked > 0 && ended > asked);
  const completedAfter = history.slice(asked).filter((e) => e.type === 'batch-completed').length;
  t.true(completedAfter <= 2, `${completedAfter} batches completed after the cancel: at most the two in flight`);
  t.false(history.some((e) => e.type === 'finished'));
  const completed = history.filter((e) => e.type === 'batch-completed').map((e) => e.data.batch!).sort((a, b) => a - b);
  t.true(completed.length >= 4);
  // Each batch once; one in flight at the cancel may have been stopped, so the last ones need not be contiguous.
  t.is(new Set(completed).size, completed.length, 'each batch completed once');
});

test.serial('bad rate parameters are 400s naming the parameter', async (t) => {
  const cases: Array<[Record<string, string | number>, RegExp]> = [
    [{ rows_per_second: -5 }, /rows_per_second must be a positive number/],
    [{ rows_per_second: 100, ramp_to_rows_per_second: 500 }, /ramp_seconds is required with ramp_to_rows_per_second/],
    [{ burst: 5 }, /rows_per_second is required with burst/],
    [{ rows_per_second: 100, duration: 10, batches: 3 }, /batches and duration cannot both be given/],
    [{ rows_per_second: 100, delay_between_executions_seconds: 60 }, /a schedule's executions must end/],
    [{ batches: 0 }, /batches must be a positive integer/],
  ];
  for (const [fields, message] of cases) {
    const res = await submit(svc.url, 'json', fields, { text: MODEL('refused') });
    t.is(res.status, 400, JSON.stringify(fields));
    t.is(res.body.commandUuid, '');
    t.regex(res.body.error, message);
  }
});

test.serial('datagen generate --rows-per-second launches a paced command and follows it to its end', async (t) => {
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'rate-cli-')), 'cli-paced.json');
  await writeFile(file, MODEL('cli-paced'));
  const args = ['generate', '--server', svc.url, '--model', file, '--rows', '50', '--batches', '2', '--rows-per-second', '400', '--burst', '5', '--seed', '3', '--wait', '--json'];
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), ...args], { cwd: ROOT, env: { ...process.env, DATAGEN_SERVER: '', DATAGEN_USER: '', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  t.is(code, 0, stderr);
  const final = JSON.parse(stdout.slice(stdout.indexOf('{')));
  t.like(final, { status: 'FINISHED', rowsWritten: 100, targetRowsPerSecond: 400 });
});

test.serial('a rate-controlled schedule paces each of its executions', async (t) => {
  const res = await submit(svc.url, 'json', { rows_per_second: 500, duration: 0.2, delay_between_executions_seconds: 1 }, { text: MODEL('paced-schedule') });
  t.is(res.status, 200, JSON.stringify(res.body));
  const id = res.body.commandUuid;
  try {
    let view = await statusOf(id);
    while (!(view.executionUuid && view.status === 'FINISHED')) {
      await new Promise((r) => setTimeout(r, 100));
      view = await statusOf(id);
    }
    const execution = await statusOf(view.executionUuid);
    t.like(execution, { status: 'FINISHED', rows: 100, batches: 1, rowsWritten: 100, targetRowsPerSecond: 500 });
  } finally {
    await getJson(svc.url, `/command/removeScheduled?commandUuid=${id}`);
  }
});
