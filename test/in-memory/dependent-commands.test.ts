/**
 * Commands that wait for others (`after`), through the orchestrator on the in-memory ports: a child stays QUEUED
 * until its parent FINISHED, fails when the parent fails or is cancelled, can be cancelled while it waits, and
 * still starts after an orchestrator restart (from a snapshot, its parent ended or not).
 */
import test from 'ava';
import type { StoredEvent } from '../../src/events/types.js';
import { Deployment, dataOf } from './deployment.js';

const types = (events: StoredEvent[]) => events.map((e) => e.type);
const seqOf = (events: StoredEvent[], type: string) => events.find((e) => e.type === type)!.seq;

test('a child waits while its parent runs and starts only after the parent FINISHED', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const parent = await d.submit({ rows: 5, batches: 3, threads: 1 });
    await d.waitFor(parent, 'running');
    const child = await d.submit({ rows: 5, batches: 2, threads: 1, after: [parent] });
    // No worker yet: the parent cannot finish, so nothing but the child's queued event may be recorded.
    const other = await d.submit({ rows: 5, batches: 1, threads: 1 });
    await d.waitFor(other, 'running');
    t.deepEqual(types(await d.ports.events.readCommand(child)), ['queued']);
    d.startPuller({ id: 'w1' });
    const childEvents = await d.waitFor(child, 'finished');
    const parentEvents = await d.ports.events.readCommand(parent);
    t.true(seqOf(childEvents, 'starting') > seqOf(parentEvents, 'finished'), 'the child started after its parent finished');
    t.deepEqual(dataOf(childEvents, 'finished'), [{ rows: 10 }]);
  } finally {
    await d.close();
  }
});

test('a child of a parent already FINISHED (forgotten by the orchestrator) starts at once', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    const parent = await d.submit({ rows: 5, batches: 1, threads: 1 });
    await d.waitFor(parent, 'finished');
    const child = await d.submit({ rows: 5, batches: 1, threads: 1, after: [parent] });
    t.deepEqual(types(await d.waitFor(child, 'finished')).filter((x) => x !== 'batch-completed'), ['queued', 'starting', 'running', 'finished']);
  } finally {
    await d.close();
  }
});

test('a child fails naming its parent when the parent is cancelled, and when it fails', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const parent = await d.submit({ rows: 5, batches: 2, threads: 1 });
    const child = await d.submit({ rows: 5, batches: 1, threads: 1, after: [parent] });
    await d.ports.events.append(parent, 'cancel-requested', { by: 'spec' });
    const events = await d.waitFor(child, 'failed');
    t.deepEqual(dataOf(events, 'failed'), [{ reason: `command ${parent} it waits for ended CANCELLED` }]);
    t.false(types(events).includes('starting'));
    // A parent whose model is not in the store fails at prepare.
    const broken = d.ports.ids.uuid();
    await d.ports.events.append(broken, 'queued', { service: 'json', rows: 5, batches: 1, threads: 1, seed: 1, model: { name: 'gone', hash: 'f'.repeat(64) }, properties: {}, owner: 'spec' });
    const second = await d.submit({ rows: 5, batches: 1, threads: 1, after: [broken] });
    t.deepEqual(dataOf(await d.waitFor(second, 'failed'), 'failed'), [{ reason: `command ${broken} it waits for ended FAILED` }]);
  } finally {
    await d.close();
  }
});

test('a waiting child can be cancelled; its parent goes on', async (t) => {
  const d = await Deployment.open();
  try {
    await d.startOrchestrator();
    const parent = await d.submit({ rows: 5, batches: 2, threads: 1 });
    const child = await d.submit({ rows: 5, batches: 1, threads: 1, after: [parent] });
    await d.ports.events.append(child, 'cancel-requested', { by: 'spec' });
    t.deepEqual(types(await d.waitFor(child, 'cancelled')), ['queued', 'cancel-requested', 'cancelled']);
    d.startPuller({ id: 'w1' });
    await d.waitFor(parent, 'finished');
    t.deepEqual(types(await d.ports.events.readCommand(child)), ['queued', 'cancel-requested', 'cancelled'], 'nothing after the cancel');
  } finally {
    await d.close();
  }
});

test('restart while a child waits: the new orchestrator (from the snapshot) starts it once the parent finishes', async (t) => {
  const d = await Deployment.open();
  try {
    const first = await d.startOrchestrator();
    const parent = await d.submit({ rows: 5, batches: 2, threads: 1 });
    await d.waitFor(parent, 'running');
    const child = await d.submit({ rows: 5, batches: 1, threads: 1, after: [parent] });
    await first.stop();
    t.truthy(await d.ports.snapshots.load('orchestrator'), 'the stopped orchestrator saved its snapshot');
    await d.startOrchestrator();
    d.startPuller({ id: 'w1' });
    const childEvents = await d.waitFor(child, 'finished');
    t.true(seqOf(childEvents, 'starting') > seqOf(await d.ports.events.readCommand(parent), 'finished'));
  } finally {
    await d.close();
  }
});

test('restart from a snapshot without the parent (it had ended): its history is read from the log', async (t) => {
  const d = await Deployment.open();
  try {
    const first = await d.startOrchestrator();
    const puller = d.startPuller({ id: 'w1' });
    const finishedParent = await d.submit({ rows: 5, batches: 1, threads: 1 });
    const cancelledParent = await d.submit({ rows: 5, batches: 1, threads: 1, after: [finishedParent] });
    await d.waitFor(finishedParent, 'finished');
    await d.ports.events.append(cancelledParent, 'cancel-requested', { by: 'spec' });
    await d.waitFor(cancelledParent, 'cancelled');
    await first.stop();
    await puller.stop();
    // Queued while no orchestrator runs: the next one knows neither parent from its snapshot.
    const starts = await d.submit({ rows: 5, batches: 1, threads: 1, after: [finishedParent] });
    const fails = await d.submit({ rows: 5, batches: 1, threads: 1, after: [finishedParent, cancelledParent] });
    await d.startOrchestrator();
    d.startPuller({ id: 'w2' });
    t.true(types(await d.waitFor(starts, 'finished')).includes('starting'));
    t.deepEqual(dataOf(await d.waitFor(fails, 'failed'), 'failed'), [{ reason: `command ${cancelledParent} it waits for ended CANCELLED` }]);
  } finally {
    await d.close();
  }
});
