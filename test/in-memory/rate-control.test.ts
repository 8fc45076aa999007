/**
 * Rate-controlled commands through the orchestrator and generator actors, in process: the pace every worker follows
 * is the command's one schedule (rows' TIMESTAMPs are its instants), and a command with no end runs batch after
 * batch until it is cancelled. Asserted on rows, events and states, never on how long anything took.
 */
import test from 'ava';
import { offsetOfRow } from '../../src/command/rate-schedule.js';
import { parseModelText } from '../../src/model/parse.js';
import { commandFilter } from '../../src/events/subjects.js';
import type { StoredEvent } from '../../src/events/types.js';
import { Collector } from '../contract/collector.js';
import { Deployment, dataOf } from './deployment.js';

/** The command's events once `done` holds for them. */
async function until(d: Deployment, uuid: string, done: (events: StoredEvent[]) => boolean): Promise<StoredEvent[]> {
  const events = new Collector<StoredEvent>();
  const stop = await d.ports.events.follow((e) => events.push(e), { filter: commandFilter(uuid) });
  try {
    return await events.until(done);
  } finally {
    await stop();
  }
}

const TIMED = parseModelText(JSON.stringify({
  model_name: 'paced-model',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'ts', type: 'TIMESTAMP' }],
  Table_Names: { LOCAL_FILE_NAME: 'paced' },
}), 'paced');

test('given a rate-controlled command on two workers, then it finishes with exactly its rows, each stamped with its scheduled instant', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    d.startPuller({ id: 'w2' });
    const rate = { rowsPerSecond: 3000, endRowsPerSecond: 6000, rampSeconds: 0.02, burst: 5 };
    const uuid = await d.submit({ rows: 40, batches: 3, threads: 2, seed: 7, rate, model: TIMED });
    const events = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(events, 'finished'), [{ rows: 120 }]);
    const reference = Date.parse(events.find((e) => e.type === 'queued')!.meta.occurredAt);
    const rows = (await d.outputRows(TIMED.name)) as Array<{ id: number; ts: unknown }>;
    t.deepEqual(rows.map((r) => r.id), Array.from({ length: 120 }, (_, i) => i));
    for (const r of rows) t.is(new Date(r.ts as string | number).getTime(), reference + Math.floor(offsetOfRow(rate, r.id)), `row ${r.id}`);
  } finally {
    await d.close();
  }
});

test('given a command with no end, then batches keep coming past any count until it is cancelled, and then no new one starts', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const pullers = [d.startPuller({ id: 'w1' }), d.startPuller({ id: 'w2' })];
    const uuid = await d.submit({ rows: 20, batches: 0, threads: 2, rate: { rowsPerSecond: 4000 }, unbounded: true });
    // Eight batches: past anything a bounded command of `batches: 0` could have.
    const before = await until(d, uuid, (evs) => dataOf(evs, 'batch-completed').length >= 8);
    t.false(before.some((e) => e.type === 'finished'));
    await d.ports.events.append(uuid, 'cancel-requested', { by: 'spec' }, { actor: 'api' });
    await d.waitFor(uuid, 'cancelled');
    // The workers drop what was still queued of it (a command that ended runs no new batch).
    while (d.ports.work.size > 0) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(pullers.map((p) => p.stop()));
    const events = await d.ports.events.readCommand(uuid);
    const cancelAt = events.findIndex((e) => e.type === 'cancel-requested');
    const after = events.slice(cancelAt).filter((e) => e.type === 'batch-completed');
    t.true(after.length <= 2, `${after.length} batches completed after the cancel: at most the two in flight`);
    const batches = dataOf(events, 'batch-completed').map((b) => b.batch).sort((a, b) => a - b);
    // Each batch once; one in flight at the cancel may have been stopped, so the last ones need not be contiguous.
    t.is(new Set(batches).size, batches.length, 'each batch completed once');
    t.true(batches.length >= 8);
    t.is(events.filter((e) => e.type === 'cancelled').length, 1);
  } finally {
    await d.close();
  }
});

test('given a long paced batch running, when its command is cancelled, then the batch stops without completing and its item is dropped', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const puller = d.startPuller({ id: 'w1' });
    // One batch of 100 s at 100 rows/s.
    const uuid = await d.submit({ rows: 10_000, batches: 1, threads: 1, rate: { rowsPerSecond: 100 } });
    await d.waitFor(uuid, 'running');
    while (puller.busySlots === 0) await new Promise((r) => setTimeout(r, 10));
    await d.ports.events.append(uuid, 'cancel-requested', { by: 'spec' }, { actor: 'api' });
    await d.waitFor(uuid, 'cancelled');
    while (puller.busySlots > 0 || d.ports.work.size > 0) await new Promise((r) => setTimeout(r, 10));
    const events = await d.ports.events.readCommand(uuid);
    t.deepEqual(dataOf(events, 'batch-completed'), []);
    t.deepEqual(dataOf(events, 'batch-failed'), [], 'a stop is not a failure');
  } finally {
    await d.close();
  }
});

test('given a paced command whose orchestrator stops mid-way, when another takes over, then the pace keeps its origin', async (t) => {
  const d = await Deployment.open();
  try {
    const first = await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    const rate = { rowsPerSecond: 2000 };
    // No seed: TIMESTAMP is the pace's origin (the running event) plus the row's offset, so it shows the origin used.
    const uuid = await d.submit({ rows: 50, batches: 4, threads: 1, rate, wallClock: true, model: TIMED });
    await d.waitFor(uuid, 'batch-completed');
    await first.stop();
    await d.startOrchestrator();
    const events = await d.waitFor(uuid, 'finished');
    const origin = Date.parse(events.find((e) => e.type === 'running')!.meta.occurredAt);
    const rows = (await d.outputRows(TIMED.name)) as Array<{ id: number; ts: unknown }>;
    t.deepEqual(rows.map((r) => r.id).sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i));
    for (const r of rows) t.is(new Date(r.ts as string | number).getTime(), origin + Math.floor(offsetOfRow(rate, r.id)), `row ${r.id}`);
  } finally {
    await d.close();
  }
});
