/** Audit replay (admin endpoint, CLI, state as of a sequence) and graceful shutdown, with real processes. */
import test from 'ava';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { getJson, ROOT, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const run = promisify(execFile);
const MODEL = JSON.stringify({ model_name: 'audit', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 's', type: 'STRING', length: 40 }] });

let nats: TestNats;
let svc: ServiceProcess;
test.before(async () => {
  nats = await startTestNats();
  svc = await startServe({ natsUrl: nats.url, env: { DATAGEN_MAX_DELIVER: '1' } });
});
test.after.always(async () => {
  await svc?.stop();
  await nats?.destroy();
});

test.serial('the read model rebuilt from the stream comes out identical, through the admin endpoint and the CLI', async (t) => {
  const uuids: string[] = [];
  // One after the other: commands of one model to one format write the same files, a second one would be a 409.
  for (let i = 0; i < 3; i++) {
    uuids.push((await submit(svc.url, 'json', { rows: 10, batches: 2 }, { text: MODEL })).body.commandUuid);
    await waitForTerminal(svc.url, uuids.at(-1)!);
  }
  const failing = JSON.stringify({ model_name: 'audit-fail', Fields: [{ name: 'x', type: 'STRING', formula: 'throw new Error("no")' }] });
  uuids.push((await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: failing })).body.commandUuid);
  for (const u of uuids) await waitForTerminal(svc.url, u);

  const res = await fetch(`${svc.url}/admin/replay`, { method: 'POST' });
  t.is(res.status, 200);
  const replay = (await res.json()) as any;
  t.true(replay.identical);
  t.true(replay.events >= 4 * 5);
  t.is(replay.byStatus.FINISHED, 3);
  t.is(replay.byStatus.FAILED, 1);

  const cli = await run(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'replay'], { env: { ...process.env, NATS_URL: nats.url } });
  const out = JSON.parse(cli.stdout);
  t.is(out.commands, replay.commands);
  t.deepEqual(out.byStatus, replay.byStatus);
});

test.serial('a command can be asked for as it was at a given stream sequence', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 5, batches: 3, threads: 1 }, { text: MODEL });
  const uuid = res.body.commandUuid;
  await waitForTerminal(svc.url, uuid);
  const history = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`)).body.events;
  const running = history.find((e: any) => e.type === 'running').seq;
  const firstBatch = history.find((e: any) => e.type === 'batch-completed').seq;
  const atRunning = await getJson(svc.url, `/command/getCommandStatus?commandUuid=${uuid}&asOfSeq=${running}`);
  t.like(atRunning.body, { status: 'RUNNING', batchesCompleted: 0, progress: '0.0' });
  const atFirst = await getJson(svc.url, `/command/get?commandUuid=${uuid}&asOfSeq=${firstBatch}`);
  t.like(atFirst.body, { status: 'RUNNING', batchesCompleted: 1, progress: '33.3' });
  const before = await getJson(svc.url, `/command/getCommandStatus?commandUuid=${uuid}&asOfSeq=${history[0].seq - 1}`);
  t.is(before.status, 404);
  const cli = await run(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'replay', '--as-of', String(firstBatch), '--command', uuid], { env: { ...process.env, NATS_URL: nats.url } });
  t.like(JSON.parse(cli.stdout), { status: 'RUNNING', batchesCompleted: 1 });
});

test.serial('SIGTERM stops pulling work, finishes in-flight batches and exits 0; the command then resumes', async (t) => {
  const own = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '1' } });
  const res = await submit(own.url, 'json', { rows: 40_000, batches: 8, threads: 1 }, { text: MODEL });
  const uuid = res.body.commandUuid;
  for (let i = 0; i < 600; i++) {
    if ((await getJson(own.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body.batchesCompleted >= 1) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const code = await own.stop('SIGTERM');
  t.is(code, 0);
  t.regex(own.output(), /shutting down/);
  t.regex(own.output(), /"signal":"SIGTERM"/);
  const history = (await getJson(svc.url, `/command/history?commandUuid=${uuid}`)).body.events;
  const failures = history.filter((e: any) => e.type === 'batch-failed');
  t.is(failures.length, 0, 'no batch was abandoned half-way');
  const status = await waitForTerminal(svc.url, uuid, 120_000); // svc (same NATS) picks the command up
  t.is(status.status, 'FINISHED');
  t.is(status.rowsWritten, 320_000);
});
