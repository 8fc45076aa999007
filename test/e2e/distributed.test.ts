/**
 * Several processes on one NATS: an API/orchestrator without generator actors, two `datagen worker`
 * processes sharing the batches of one command, and a plain NATS subscriber that sees the lifecycle.
 */
import test from 'ava';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { connect, type Msg } from '@nats-io/transport-node';
import { spawn } from 'node:child_process';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { getJson, ROOT, startServe, startWorkerProcess, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = JSON.stringify({
  model_name: 'shared',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'code', type: 'STRING', length: 12 },
  ],
});

let nats: TestNats;
let api: ServiceProcess;
const workers: Array<Omit<ServiceProcess, 'url'>> = [];

test.before(async () => {
  nats = await startTestNats();
  api = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '0' } });
  // Workers write where the API's data directory says, as a shared volume would.
  for (let i = 0; i < 2; i++) workers.push(await startWorkerProcess(nats.url, { DATAGEN_WORKER_SLOTS: '1', DATAGEN_DATA_DIR: api.dataDir }));
});

test.after.always(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await api?.stop();
  await nats?.destroy();
});

test.serial('two worker processes share the batches of one command', async (t) => {
  const res = await submit(api.url, 'json', { batches: 24, rows: 2000, threads: 4 }, { text: MODEL });
  t.is(res.status, 200);
  const status = await waitForTerminal(api.url, res.body.commandUuid, 120_000);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  const { body } = await getJson(api.url, `/command/history?commandUuid=${res.body.commandUuid}`);
  const completed = body.events.filter((e: { type: string }) => e.type === 'batch-completed');
  t.is(completed.length, 24);
  const pids = new Set(completed.map((e: any) => e.data.workerId.split('/')[0].split(':').pop()));
  const workerPids = new Set(workers.map((w) => String(w.child.pid)));
  t.is(pids.size, 2, `batches ran on ${[...pids].join(', ')}`);
  for (const pid of pids) t.true(workerPids.has(pid as string));
  const files = await readdir(path.join(api.dataDir, 'output', 'shared'));
  t.is(files.filter((f) => f.endsWith('.json')).length, 24);
});

test.serial('a plain NATS client subscribed to datagen.command.*.finished receives the event of a command it did not start', async (t) => {
  const nc = await connect({ servers: nats.url });
  const received: Array<{ subject: string; body: any }> = [];
  const sub = nc.subscribe('datagen.command.*.finished', { callback: (_err, m: Msg) => { received.push({ subject: m.subject, body: m.json() }); } });
  await nc.flush();
  const res = await submit(api.url, 'csv', { batches: 2, rows: 10 }, { text: MODEL });
  await waitForTerminal(api.url, res.body.commandUuid);
  const deadline = Date.now() + 10_000;
  while (!received.some((r) => r.body.meta?.commandUuid === res.body.commandUuid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const event = received.find((r) => r.body.meta?.commandUuid === res.body.commandUuid);
  t.truthy(event, 'finished event received');
  t.is(event!.subject, `datagen.command.${res.body.commandUuid}.finished`);
  t.is(event!.body.type, 'finished');
  t.is(event!.body.data.rows, 20);
  t.is(event!.body.meta.schemaVersion, 1);
  sub.unsubscribe();
  await nc.close();
});

test.serial('datagen watch prints the lifecycle of a command as JSON lines', async (t) => {
  const watch = spawn(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'watch'], { env: { ...process.env, NATS_URL: nats.url }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  watch.stdout.on('data', (d: Buffer) => (out += d.toString()));
  watch.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const ready = Date.now() + 30_000;
  while (!err.includes('watching') && Date.now() < ready) await new Promise((r) => setTimeout(r, 50));
  t.regex(err, /watching datagen\.command\.\*\.\*/);
  const res = await submit(api.url, 'json', { batches: 2, rows: 3 }, { text: MODEL });
  await waitForTerminal(api.url, res.body.commandUuid);
  const deadline = Date.now() + 10_000;
  while (!out.includes(`${res.body.commandUuid}.finished`) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  watch.kill('SIGINT');
  const mine = out.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.meta?.commandUuid === res.body.commandUuid);
  t.deepEqual(mine.map((e) => e.type), ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'finished']);
});
