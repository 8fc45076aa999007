/**
 * Crash recovery with real processes and SIGKILL: nothing lost, nothing doubled, nothing stuck.
 * Each test runs a command of several slow-ish batches and breaks something in the middle of it.
 */
import test from 'ava';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { jetstream, type Consumer } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { WORK_CONSUMER, WORK_STREAM } from '../../src/events/subjects.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { getJson, startServe, startWorkerProcess, submit, waitForTerminal } from '../helpers/service-process.js';

const BATCHES = 6;
const ROWS = 60_000;
const MODEL = JSON.stringify({
  model_name: 'crash',
  Fields: [
    { name: 'id', type: 'INCREMENT_LONG' },
    { name: 'a', type: 'STRING', length: 60 },
    { name: 'b', type: 'STRING', length: 60 },
    { name: 'c', type: 'STRING', length: 60 },
  ],
});
const FAST_REDELIVERY = { DATAGEN_ACK_WAIT_SECONDS: '2' };

/** Every id written, from the final batch files only (temporary files of a killed writer are not output). */
async function idsOnDisk(dataDir: string): Promise<number[]> {
  const dir = path.join(dataDir, 'output', 'crash');
  const files = (await readdir(dir)).filter((f) => /^crash-\d{10}\.json$/.test(f));
  const ids: number[] = [];
  for (const f of files) {
    for await (const line of createInterface({ input: createReadStream(path.join(dir, f)) })) if (line) ids.push(JSON.parse(line).id);
  }
  return ids;
}

async function firstBatchDone(url: string, uuid: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    const s = (await getJson(url, `/command/getCommandStatus?commandUuid=${uuid}`).catch(() => ({ body: {} }))).body as any;
    if (s.batchesCompleted >= 1) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('no batch completed');
}

/**
 * Resolves when the server reports that an item exhausted its deliveries (the MAX_DELIVERIES advisory). The server
 * finds that out when it next looks for an item to deliver, so this keeps a pull request waiting meanwhile.
 */
async function itemDied(nc: NatsConnection, consumer: Consumer): Promise<void> {
  let died = false;
  const advisory = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${WORK_STREAM}.${WORK_CONSUMER}`, { max: 1, callback: () => { died = true; } });
  for (let polls = 0; polls < 30 && !died; polls++) {
    if (await consumer.next({ expires: 1000 })) throw new Error('an item was delivered again after its last delivery');
  }
  advisory.unsubscribe();
  if (!died) throw new Error('the server never gave the work item up');
}

function assertExactlyOnce(t: import('ava').ExecutionContext, ids: number[]) {
  t.is(ids.length, BATCHES * ROWS, 'exactly rows × batches rows on disk');
  t.is(new Set(ids).size, ids.length, 'no row written twice');
  t.is(Math.min(...ids.slice(0, 1000)) >= 0, true);
}

let nats: TestNats;
test.beforeEach(async () => {
  nats = await startTestNats();
});
test.afterEach.always(async () => {
  await nats?.destroy();
});

test.serial('a worker killed in the middle of a batch: the batch is redelivered and the command finishes exactly once', async (t) => {
  const api = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '0', ...FAST_REDELIVERY } });
  const env = { DATAGEN_WORKER_SLOTS: '1', DATAGEN_DATA_DIR: api.dataDir, ...FAST_REDELIVERY };
  const first = await startWorkerProcess(nats.url, env);
  let second: Awaited<ReturnType<typeof startWorkerProcess>> | undefined;
  try {
    const res = await submit(api.url, 'json', { rows: ROWS, batches: BATCHES, threads: 2 }, { text: MODEL });
    await firstBatchDone(api.url, res.body.commandUuid);
    await first.stop('SIGKILL'); // it had pulled its next batch already
    second = await startWorkerProcess(nats.url, env);
    const status = await waitForTerminal(api.url, res.body.commandUuid, 120_000);
    t.is(status.status, 'FINISHED', JSON.stringify(status));
    t.is(status.rowsWritten, BATCHES * ROWS);
    assertExactlyOnce(t, await idsOnDisk(api.dataDir));
  } finally {
    await second?.stop();
    await api.stop();
  }
});

/** Starts a service, kills it (SIGKILL) once a batch is done, starts another on the same data and NATS, checks the end. */
async function killServiceAndRestart(t: import('ava').ExecutionContext, opts: { natsUrl?: string; env: Record<string, string> }) {
  const first = await startServe(opts);
  const res = await submit(first.url, 'json', { rows: ROWS, batches: BATCHES, threads: 1 }, { text: MODEL });
  await firstBatchDone(first.url, res.body.commandUuid);
  await first.stop('SIGKILL');
  const second = await startServe({ ...opts, dataDir: first.dataDir });
  try {
    const status = await waitForTerminal(second.url, res.body.commandUuid, 120_000);
    t.is(status.status, 'FINISHED', JSON.stringify(status));
    assertExactlyOnce(t, await idsOnDisk(second.dataDir));
  } finally {
    await second.stop();
  }
}

test.serial('the service killed in the middle of a command and started again: the command resumes and finishes', async (t) => {
  await killServiceAndRestart(t, { natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '1', ...FAST_REDELIVERY } });
});

test.serial('the embedded nats-server of a killed service is taken over when the service starts again', async (t) => {
  // SIGKILL leaves the embedded nats-server child running, holding the store: the second service must take it over.
  await killServiceAndRestart(t, { env: FAST_REDELIVERY });
});

test.serial('nats-server restarted in the middle of a command: clients reconnect and nothing is lost', async (t) => {
  const svc = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '2', ...FAST_REDELIVERY } });
  try {
    const res = await submit(svc.url, 'json', { rows: ROWS, batches: BATCHES, threads: 2 }, { text: MODEL });
    await firstBatchDone(svc.url, res.body.commandUuid);
    nats = await nats.restart();
    const status = await waitForTerminal(svc.url, res.body.commandUuid, 120_000);
    t.is(status.status, 'FINISHED', JSON.stringify(status));
    assertExactlyOnce(t, await idsOnDisk(svc.dataDir));
    const after = await submit(svc.url, 'csv', { rows: 5, batches: 2 }, { text: MODEL });
    t.is((await waitForTerminal(svc.url, after.body.commandUuid)).status, 'FINISHED', 'the service keeps working after the restart');
  } finally {
    await svc.stop();
  }
});

test.serial('a batch that always fails is retried a bounded number of times, then the command is FAILED with the cause', async (t) => {
  const svc = await startServe({ natsUrl: nats.url });
  try {
    const failing = JSON.stringify({ model_name: 'always-fails', Fields: [{ name: 'x', type: 'STRING', formula: 'throw new Error("sensor offline")' }] });
    const res = await submit(svc.url, 'json', { rows: 2, batches: 1 }, { text: failing });
    const status = await waitForTerminal(svc.url, res.body.commandUuid);
    t.is(status.status, 'FAILED');
    t.regex(status.comment, /batch 0 failed after 3 attempts: .*sensor offline/);
    const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events;
    const attempts = history.filter((e: any) => e.type === 'batch-failed').map((e: any) => [e.data.attempt, e.data.final]);
    t.deepEqual(attempts, [[1, false], [2, false], [3, true]]);
    t.is(history.at(-1).type, 'failed');
  } finally {
    await svc.stop();
  }
});

test.serial('a batch whose work item died while no orchestrator was running is re-sent by the next one', async (t) => {
  const env = { DATAGEN_WORKER_SLOTS: '0', DATAGEN_MAX_DELIVER: '1', DATAGEN_ACK_WAIT_SECONDS: '1' };
  const first = await startServe({ natsUrl: nats.url, env });
  const res = await submit(first.url, 'json', { rows: 10, batches: 2, threads: 1 }, { text: MODEL });
  // A worker that takes the batch and dies: pull it with a raw consumer and never ack.
  const nc = await connect({ servers: nats.url });
  const consumer = await jetstream(nc).consumers.get(WORK_STREAM, WORK_CONSUMER);
  const taken = await consumer.next({ expires: 10_000 });
  t.truthy(taken, 'the batch was queued');
  await first.stop('SIGKILL'); // no orchestrator hears the max-deliveries advisory
  await itemDied(nc, consumer); // max_deliver 1: once its ack wait (1 s) is over, the server gives the item up
  await nc.close();
  const second = await startServe({ natsUrl: nats.url, dataDir: first.dataDir, env: { ...env, DATAGEN_WORKER_SLOTS: '1' } });
  try {
    const status = await waitForTerminal(second.url, res.body.commandUuid, 120_000);
    t.is(status.status, 'FINISHED', JSON.stringify(status));
    t.is(status.rowsWritten, 20);
  } finally {
    await second.stop();
  }
});
