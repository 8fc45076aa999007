/**
 * Authentication and roles, live progress over Server-Sent Events, cancel, and the model store,
 * against a real `datagen serve` with users configured.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startServe, type ServiceProcess } from '../helpers/service-process.js';

const run = promisify(execFile);

const MODEL = { model_name: 'auth-model', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'code', type: 'STRING', length: 6 }] };
const ADMIN = 'Basic ' + Buffer.from('admin:s3cret').toString('base64');
const VIEWER = 'Basic ' + Buffer.from('viewer:look').toString('base64');

let svc: ServiceProcess;

test.before(async () => {
  // One generator actor: work items run one at a time in queue order, so a later command finishing proves that
  // every earlier item has been run or dropped (the cancel test waits on that instead of a pause).
  svc = await startServe({ env: { DATAGEN_USERS: 'admin:s3cret:admin,viewer:look:viewer', DATAGEN_WORKER_SLOTS: '1' } });
});
test.after.always(async () => {
  await svc?.stop();
});

async function call(path: string, init: RequestInit & { auth?: string } = {}) {
  const res = await fetch(`${svc.url}${path}`, { ...init, headers: { ...(init.auth ? { authorization: init.auth } : {}), ...(init.headers as object) } });
  const text = await res.text();
  let body: any = text;
  try { body = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, body, headers: res.headers };
}

function modelForm(extra: Record<string, string> = {}, model: object = MODEL): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  form.set('model_file', new Blob([JSON.stringify(model)], { type: 'application/json' }), 'model.json');
  return form;
}

async function waitStatus(uuid: string, wanted: string[]): Promise<any> {
  for (let i = 0; i < 1200; i++) {
    const { body } = await call(`/command/getCommandStatus?commandUuid=${uuid}`, { method: 'POST', auth: ADMIN });
    if (wanted.includes(body.status)) return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`command ${uuid} never reached ${wanted}`);
}

test.serial('without credentials every API route answers 401 with a Basic challenge; health stays public', async (t) => {
  for (const path of ['/command/getAll', '/api/v1/command/getAll', '/model_store/list']) {
    const res = await call(path);
    t.is(res.status, 401);
    t.regex(res.headers.get('www-authenticate') ?? '', /^Basic realm="datagen"/);
    t.regex(res.body.error, /authentication required/);
  }
  const res = await call('/datagen/json', { method: 'POST', body: modelForm() });
  t.is(res.status, 401);
  t.is((await call('/api/v1/health/status')).status, 200);
});

test.serial('wrong credentials answer 401', async (t) => {
  const res = await call('/command/getAll', { auth: 'Basic ' + Buffer.from('admin:wrong').toString('base64') });
  t.is(res.status, 401);
  t.regex(res.body.error, /invalid credentials/);
});

test.serial('a viewer can read but launching a generation answers 403', async (t) => {
  t.is((await call('/command/getAll', { auth: VIEWER })).status, 200);
  const res = await call('/datagen/json', { method: 'POST', body: modelForm(), auth: VIEWER });
  t.is(res.status, 403);
  t.regex(res.body.error, /viewer.*user role required/);
  t.is((await call('/model_store/add', { method: 'POST', body: modelForm(), auth: VIEWER })).status, 403);
});

test.serial('an admin launches a generation and follows it live over Server-Sent Events', async (t) => {
  const res = await call('/datagen/json', { method: 'POST', body: modelForm({ rows: '50', batches: '4', threads: '1' }), auth: ADMIN });
  t.is(res.status, 200);
  const uuid = res.body.commandUuid;
  const sse = await fetch(`${svc.url}/command/events?commandUuid=${uuid}`, { headers: { authorization: ADMIN } });
  t.is(sse.status, 200);
  t.regex(sse.headers.get('content-type') ?? '', /text\/event-stream/);
  const text = await sse.text(); // the stream ends after the terminal event
  const events = text.split('\n\n').filter((b) => b.includes('data: ')).map((b) => JSON.parse(b.split('data: ')[1]));
  t.deepEqual(events.map((e) => e.type), ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'batch-completed', 'batch-completed', 'finished']);
  t.true(events.every((e) => e.commandUuid === uuid));
  t.is(events.at(-1).status.status, 'FINISHED');
  t.is(events.at(-1).status.progress, '100.0');
  const seqs = events.map((e) => e.seq);
  t.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
});

test.serial('SSE for an unknown command is a 404', async (t) => {
  const res = await call('/command/events?commandUuid=00000000-0000-4000-8000-000000000000', { auth: ADMIN });
  t.is(res.status, 404);
});

test.serial('cancel stops a running command: no new batches start and it ends CANCELLED with comment "cancelled"', async (t) => {
  const res = await call('/datagen/json', { method: 'POST', body: modelForm({ rows: '20000', batches: '400', threads: '1' }), auth: ADMIN });
  const uuid = res.body.commandUuid;
  await waitStatus(uuid, ['RUNNING']);
  const cancel = await call(`/command/cancel?commandUuid=${uuid}`, { method: 'POST', auth: ADMIN });
  t.is(cancel.status, 200);
  const final = await waitStatus(uuid, ['CANCELLED', 'FINISHED', 'FAILED']);
  t.is(final.status, 'CANCELLED');
  t.is(final.comment, 'cancelled');
  t.true(final.batchesCompleted < 400);
  // A batch already running when the cancel came may still finish: a command queued after the cancel
  // finishing means the one generator actor is past every item of the cancelled one.
  const after = await call('/datagen/json', { method: 'POST', body: modelForm({ rows: '1', batches: '1' }, { ...MODEL, model_name: 'after-cancel' }), auth: ADMIN });
  t.is((await waitStatus(after.body.commandUuid, ['FINISHED', 'FAILED', 'CANCELLED'])).status, 'FINISHED');
  const history = await call(`/command/history?commandUuid=${uuid}`, { auth: ADMIN });
  const types: string[] = history.body.events.map((e: { type: string }) => e.type);
  const afterCancel = types.slice(types.indexOf('cancel-requested') + 1).filter((x) => x === 'batch-completed').length;
  t.true(afterCancel <= 1, `${afterCancel} batches completed after the cancel request (threads = 1)`);
  const again = await call(`/command/cancel?commandUuid=${uuid}`, { method: 'POST', auth: ADMIN });
  t.is(again.status, 409);
  t.regex(again.body.error, /already CANCELLED/);
});

test.serial('the model store adds, lists, gets, runs and deletes a model by name', async (t) => {
  const added = await call('/model_store/add', { method: 'POST', body: modelForm({}, { ...MODEL, model_name: 'stored-one' }), auth: ADMIN });
  t.is(added.status, 200);
  t.is(added.body, 'stored-one');
  const list = await call('/model_store/list', { auth: ADMIN });
  t.true(list.body.includes('stored-one'));
  const got = await call('/model_store/get?model=stored-one', { auth: ADMIN });
  t.is(got.body.model_name, 'stored-one');
  t.deepEqual(got.body.Fields.map((f: { name: string }) => f.name), ['id', 'code']);
  const form = new FormData();
  form.set('model', 'stored-one');
  form.set('rows', '3');
  form.set('batches', '1');
  const run = await call('/datagen/csv', { method: 'POST', body: form, auth: ADMIN });
  t.is(run.status, 200, JSON.stringify(run.body));
  t.is((await waitStatus(run.body.commandUuid, ['FINISHED', 'FAILED'])).status, 'FINISHED');
  t.is((await call('/model_store/delete?model=stored-one', { method: 'DELETE', auth: ADMIN })).body, true);
  t.is((await call('/model_store/delete?model=stored-one', { method: 'DELETE', auth: ADMIN })).body, false);
  t.is((await call('/model_store/get?model=stored-one', { auth: ADMIN })).status, 404);
});

test.serial('datagen watch --server follows a command over the event stream with credentials and exits when it ends', async (t) => {
  const res = await call('/datagen/json', { method: 'POST', body: modelForm({ rows: '5', batches: '2' }), auth: ADMIN });
  const uuid = res.body.commandUuid;
  const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'watch', '--server', svc.url, '--user', 'admin:s3cret', '--command', uuid], {
    env: { ...process.env, NATS_URL: '' },
    timeout: 60_000,
  });
  t.regex(stderr, new RegExp(`watching command ${uuid}`));
  const events = stdout.trim().split('\n').map((l) => JSON.parse(l));
  t.deepEqual(events.map((e) => e.type), ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'finished']);
  t.is(events.at(-1).status.status, 'FINISHED');
  const refused = await run(process.execPath, [path.join(ROOT, 'bin', 'datagen.js'), 'watch', '--server', svc.url], { env: { ...process.env, NATS_URL: '' } }).catch((e) => e);
  t.is(refused.code, 2);
  t.regex(refused.stderr, /authentication required/);
});
