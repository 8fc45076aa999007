/**
 * End to end: GET /command/{uuid}/output (a zip of the files the command wrote) and /output/preview, against a
 * real service with users: entries equal the files on disk byte for byte, only the command's own files, nothing
 * a request names, files moved out of the output directories (a link) are not served, roles as declared.
 */
import test from 'ava';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';
import { zipEntries } from '../helpers/zip-read.js';

const ADMIN = `Basic ${Buffer.from('root:root-pw').toString('base64')}`;
const VIEWER = `Basic ${Buffer.from('vic:vic-pw').toString('base64')}`;

let svc: ServiceProcess;

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin,vic:vic-pw:viewer' } });
});

test.after.always(async () => {
  await svc?.stop();
});

const model = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'city', type: 'CITY' }], ...extra });

async function run(service: string, name: string, fields: Record<string, string | number>, extra: Record<string, unknown> = {}): Promise<string> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  form.set('model_file', new Blob([model(name, extra)], { type: 'application/json' }), 'model.json');
  const res = await fetch(`${svc.url}/datagen/${service}`, { method: 'POST', body: form, headers: { authorization: ADMIN } });
  const body = (await res.json()) as { commandUuid: string };
  if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(body)}`);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const s = (await (await fetch(`${svc.url}/command/getCommandStatus?commandUuid=${body.commandUuid}`, { headers: { authorization: ADMIN } })).json()) as { status: string };
    if (s.status === 'FINISHED') return body.commandUuid;
    if (['FAILED', 'CANCELLED'].includes(s.status)) throw new Error(`command ${s.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('command did not finish');
}

const get = (p: string, auth: string | null = VIEWER) => fetch(`${svc.url}${p}`, { headers: auth ? { authorization: auth } : {} });

test.serial('the zip holds every file the command wrote, byte for byte, and the preview its first lines', async (t) => {
  const uuid = await run('csv', 'out-csv', { rows: 7, batches: 3, seed: 5 });
  const dir = path.join(svc.dataDir, 'output', 'out-csv');
  const res = await get(`/api/v1/command/${uuid}/output`);
  t.is(res.status, 200);
  t.is(res.headers.get('content-type'), 'application/zip');
  t.is(res.headers.get('content-disposition'), `attachment; filename="datagen-${uuid}.zip"`);
  const entries = await zipEntries(Buffer.from(await res.arrayBuffer()));
  const onDisk = (await readdir(dir)).sort();
  t.deepEqual([...entries.keys()].sort(), onDisk);
  t.is(onDisk.length, 3);
  for (const name of onDisk) t.true(entries.get(name)!.equals(await readFile(path.join(dir, name))), name);

  const preview = await get(`/command/${uuid}/output/preview?lines=4`);
  t.is(preview.status, 200);
  const first = (await readFile(path.join(dir, 'out-csv-0000000000.csv'), 'utf8')).split(/\r?\n/);
  t.deepEqual(await preview.json(), { commandUuid: uuid, file: 'out-csv-0000000000.csv', lines: first.slice(0, 4), truncated: true });
  const whole = (await (await get(`/command/${uuid}/output/preview?lines=1000`)).json()) as { lines: string[]; truncated: boolean };
  t.deepEqual(whole, { commandUuid: uuid, file: 'out-csv-0000000000.csv', lines: first.filter(Boolean), truncated: false });
  t.is((await get(`/command/${uuid}/output/preview?lines=0`)).status, 400);
  t.is((await get(`/command/${uuid}/output/preview?lines=1001`)).status, 400);
});

test.serial("another command's files, in the same directory, are not in its zip; a multipleconnectors command gives each local sink's files", async (t) => {
  const shared = { LOCAL_FILE_PATH: 'output/shared-dir' };
  const a = await run('json', 'out-a', { rows: 2, batches: 1 }, { Table_Names: { ...shared, LOCAL_FILE_NAME: 'a' } });
  const b = await run('json', 'out-b', { rows: 2, batches: 2 }, { Table_Names: { ...shared, LOCAL_FILE_NAME: 'b' } });
  const names = async (uuid: string) => [...(await zipEntries(Buffer.from(await (await get(`/command/${uuid}/output`)).arrayBuffer()))).keys()].sort();
  t.deepEqual(await names(a), ['a-0000000000.json']);
  t.deepEqual(await names(b), ['b-0000000000.json', 'b-0000000001.json']);

  const multi = await run('multipleconnectors', 'out-multi', { rows: 3, batches: 1, connectors: 'json,csv' });
  t.deepEqual(await names(multi), ['out-multi-0000000000.csv', 'out-multi-0000000000.json']);
});

test.serial('nothing in the request names a file: traversal in the path or a path parameter serves no other file', async (t) => {
  const uuid = await run('csv', 'out-trav', { rows: 1, batches: 1 });
  for (const p of [
    `/command/..%2F..%2F..%2Fetc%2Fpasswd/output`,
    `/command/%2e%2e/output`,
    `/command/${uuid}%2F..%2F..%2Fetc%2Fpasswd/output`,
    `/command/${uuid}/output/..%2F..%2Fetc%2Fpasswd`,
    `/command/${uuid}/output/preview%2F..%2F..`,
  ]) {
    const res = await get(p);
    t.true(res.status === 400 || res.status === 404, `${p}: ${res.status}`);
    t.false((await res.text()).includes('root:'), p);
  }
  // Parameters other than the uuid are ignored: the zip is the command's one file still.
  const res = await get(`/command/${uuid}/output?path=/etc/passwd&file=../../etc/passwd`);
  t.deepEqual([...(await zipEntries(Buffer.from(await res.arrayBuffer()))).keys()], ['out-trav-0000000000.csv']);
  const unknown = await get('/command/00000000-0000-4000-8000-000000000000/output');
  t.is(unknown.status, 404);
  t.regex(((await unknown.json()) as { error: string }).error, /not found/);
});

test.serial("a command's file replaced by a link to a file outside the output directories is not served", async (t) => {
  const uuid = await run('csv', 'out-link', { rows: 2, batches: 2 });
  const dir = path.join(svc.dataDir, 'output', 'out-link');
  const outside = await mkdtemp(path.join(os.tmpdir(), 'datagen-outside-'));
  t.teardown(() => rm(outside, { recursive: true, force: true }));
  await writeFile(path.join(outside, 'secret.txt'), 'not for download\n');
  await rm(path.join(dir, 'out-link-0000000001.csv'));
  await symlink(path.join(outside, 'secret.txt'), path.join(dir, 'out-link-0000000001.csv'));
  const entries = await zipEntries(Buffer.from(await (await get(`/command/${uuid}/output`)).arrayBuffer()));
  t.deepEqual([...entries.keys()], ['out-link-0000000000.csv']);
  // A link into the service's own store (under the data directory) is refused the same way.
  await rm(path.join(dir, 'out-link-0000000000.csv'));
  await symlink(path.join(svc.dataDir, 'nats'), path.join(dir, 'out-link-0000000000.csv'));
  const none = await get(`/command/${uuid}/output`);
  t.is(none.status, 404);
  t.regex(((await none.json()) as { error: string }).error, /no longer in the output directories/);
});

test.serial('viewers may download; anonymous callers get 401; only GET', async (t) => {
  const uuid = await run('csv', 'out-roles', { rows: 1, batches: 1 });
  t.is((await get(`/command/${uuid}/output`, VIEWER)).status, 200);
  t.is((await get(`/command/${uuid}/output`, ADMIN)).status, 200);
  t.is((await get(`/command/${uuid}/output`, null)).status, 401);
  t.is((await get(`/command/${uuid}/output/preview`, null)).status, 401);
  t.is((await fetch(`${svc.url}/command/${uuid}/output`, { method: 'POST', headers: { authorization: ADMIN } })).status, 405);
});
