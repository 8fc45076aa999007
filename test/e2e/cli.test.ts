/**
 * End to end: the real `datagen` client commands (node bin/datagen.js …) against a real service started
 * with startServe(), checked by exit code, output, the service's own status and the files on disk.
 */
import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ROOT, getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const BIN = path.join(ROOT, 'bin', 'datagen.js');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      // No inherited DATAGEN_SERVER/DATAGEN_USER: each test says what it means.
      env: { ...process.env, DATAGEN_SERVER: '', DATAGEN_USER: '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const model = (name: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'word', type: 'STRING', length: 6 }], ...extra });

let svc: ServiceProcess;
let tmp: string;

test.before(async () => {
  svc = await startServe();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'datagen-cli-'));
});

test.after.always(async () => {
  await svc?.stop();
});

async function modelFile(name: string, text: string): Promise<string> {
  const file = path.join(tmp, `${name}.json`);
  await writeFile(file, text);
  return file;
}

test.serial('generate --wait uploads the model, exits 0 on FINISHED and the rows are on disk', async (t) => {
  const file = await modelFile('cli-people', model('cli-people'));
  const r = await runCli(['generate', '--server', svc.url, '--model', file, '--service', 'json', '--rows', '7', '--batches', '3', '--threads', '2', '--seed', '42', '--wait']);
  t.is(r.code, 0, r.stderr);
  const uuid = r.stdout.split('\n')[0];
  t.regex(uuid, new RegExp(`^${UUID.source}$`));
  t.regex(r.stdout, /FINISHED 21 rows in 3\/3 batches \(json, model cli-people\)/);
  const status = await getJson(svc.url, `/command/get?commandUuid=${uuid}`);
  t.like(status.body, { status: 'FINISHED', rows: 7, batches: 3, threads: 2, seed: 42, rowsWritten: 21 });
  const dir = path.join(svc.dataDir, 'output', 'cli-people');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'));
  t.is(files.length, 3);
  let lines = 0;
  for (const f of files) lines += (await readFile(path.join(dir, f), 'utf8')).split('\n').filter(Boolean).length;
  t.is(lines, 21);
});

test.serial('generate without --wait prints only the uuid and returns at once; --json prints it as JSON', async (t) => {
  const file = await modelFile('cli-nowait', model('cli-nowait'));
  const plain = await runCli(['generate', '--server', svc.url, '--model', file, '--rows', '1', '--batches', '1']);
  t.is(plain.code, 0, plain.stderr);
  t.regex(plain.stdout, new RegExp(`^${UUID.source}\n$`));
  const json = await runCli(['generate', '--server', svc.url, '--model', file, '--rows', '1', '--batches', '1', '--json']);
  t.is(json.code, 0, json.stderr);
  const { commandUuid } = JSON.parse(json.stdout) as { commandUuid: string };
  t.is((await waitForTerminal(svc.url, commandUuid)).status, 'FINISHED');
});

test.serial('generate --after records the commands it waits for and starts after they finished', async (t) => {
  const file = await modelFile('cli-after', model('cli-after'));
  const first = await runCli(['generate', '--server', svc.url, '--model', file, '--rows', '3', '--batches', '2']);
  t.is(first.code, 0, first.stderr);
  const parent = first.stdout.trim();
  const child = await runCli(['generate', '--server', svc.url, '--model', file, '--rows', '1', '--batches', '1', '--after', parent, '--json']);
  t.is(child.code, 0, child.stderr);
  const { commandUuid } = JSON.parse(child.stdout) as { commandUuid: string };
  t.is((await waitForTerminal(svc.url, commandUuid)).status, 'FINISHED');
  const events = async (uuid: string) => ((await (await fetch(`${svc.url}/command/history?commandUuid=${uuid}`)).json()) as { events: Array<{ seq: number; type: string; data: { after?: string[] } }> }).events;
  const [p, c] = [await events(parent), await events(commandUuid)];
  t.deepEqual(c[0]!.data.after, [parent]);
  t.true(c.find((e) => e.type === 'starting')!.seq > p.find((e) => e.type === 'finished')!.seq, 'started after its parent finished');
  const refused = await runCli(['generate', '--server', svc.url, '--model', file, '--after', 'not-a-uuid']);
  t.not(refused.code, 0);
  t.regex(refused.stderr, /parameter after: "not-a-uuid" is not a command UUID/);
});

test.serial('a value that is not a local file names a stored model', async (t) => {
  const form = new FormData();
  form.set('model_file', new Blob([model('cli-stored')], { type: 'application/json' }), 'cli-stored.json');
  const added = await fetch(`${svc.url}/model_store/add`, { method: 'POST', body: form });
  t.is(added.status, 200);
  const r = await runCli(['generate', '--server', svc.url, '--model', 'cli-stored', '--service', 'csv', '--rows', '2', '--batches', '2', '--wait']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /FINISHED 4 rows in 2\/2 batches \(csv, model cli-stored\)/);
});

test.serial('a request the service refuses exits 2 with its error text', async (t) => {
  const file = await modelFile('cli-bad', model('cli-bad'));
  const solr = await runCli(['generate', '--server', svc.url, '--model', file, '--service', 'solr', '--wait']);
  t.is(solr.code, 2);
  t.regex(solr.stderr, /400: the solr sink needs SOLR_URL/);
  t.is(solr.stdout, '');

  const outside = await modelFile('cli-outside', model('cli-outside', { Table_Names: { LOCAL_FILE_PATH: '/etc/datagen-cli-test' } }));
  const confined = await runCli(['generate', '--server', svc.url, '--model', outside, '--wait']);
  t.is(confined.code, 2);
  t.regex(confined.stderr, /LOCAL_FILE_PATH .* outside the allowed output directories/);

  const unknown = await runCli(['generate', '--server', svc.url, '--model', 'no-such-model-anywhere', '--wait']);
  t.is(unknown.code, 2);
  t.regex(unknown.stderr, /neither a stored model nor a model file/);
});

test.serial('a command that fails while running exits 1 and prints the reason', async (t) => {
  // A regular file where the output directory should be: the sink cannot prepare it.
  await writeFile(path.join(svc.dataDir, 'not-a-dir'), '');
  const file = await modelFile('cli-blocked', model('cli-blocked', { Table_Names: { LOCAL_FILE_PATH: path.join(svc.dataDir, 'not-a-dir', 'sub') } }));
  const r = await runCli(['generate', '--server', svc.url, '--model', file, '--rows', '1', '--batches', '1', '--wait']);
  t.is(r.code, 1);
  const uuid = r.stdout.split('\n')[0];
  t.regex(r.stdout, /^.*\nFAILED 0 rows/);
  t.regex(r.stderr, new RegExp(`command ${uuid} FAILED: .*ENOTDIR`));
  t.is((await getJson(svc.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body.status, 'FAILED');
});

test.serial('status, list and history show the command; --json gives the API answers', async (t) => {
  const res = await submit(svc.url, 'json', { rows: 3, batches: 2, seed: 7 }, { text: model('cli-views') });
  const uuid = res.body.commandUuid;
  await waitForTerminal(svc.url, uuid);

  const status = await runCli(['status', uuid, '--server', svc.url]);
  t.is(status.code, 0, status.stderr);
  t.regex(status.stdout, new RegExp(`^command +${uuid}$`, 'm'));
  t.regex(status.stdout, /^status +FINISHED$/m);
  t.regex(status.stdout, /^rows +6 of 6 \(3 per batch\)$/m);
  t.regex(status.stdout, /^seed +7$/m);

  const list = await runCli(['list', '--server', svc.url]);
  t.is(list.code, 0, list.stderr);
  t.regex(list.stdout, /^UUID +STATUS +PROGRESS +MODEL +SERVICE +ROWS +DURATION +QUEUED$/m);
  t.regex(list.stdout, new RegExp(`^${uuid} +FINISHED +100\\.0% +cli-views +json +6/6 `, 'm'));

  const finished = await runCli(['list', '--status', 'finished', '--server', svc.url, '--json']);
  const views = JSON.parse(finished.stdout) as Array<{ commandUuid: string; status: string }>;
  t.true(views.some((v) => v.commandUuid === uuid));
  t.true(views.every((v) => v.status === 'FINISHED'));

  const history = await runCli(['history', uuid, '--server', svc.url]);
  t.is(history.code, 0, history.stderr);
  t.true(history.stdout.includes(`command ${uuid}: 6 events`));
  const types = history.stdout.split('\n').slice(2).map((l) => l.split(/ {2,}/)[3]).filter(Boolean);
  t.deepEqual(types, ['queued', 'starting', 'running', 'batch-completed', 'batch-completed', 'finished']);
  t.regex(history.stdout, /json: 2 × 3 rows, 4 threads, seed 7, model cli-views/);
  t.regex(history.stdout, /finished +orchestrator +6 rows in all/);

  const historyJson = JSON.parse((await runCli(['history', uuid, '--server', svc.url, '--json'])).stdout);
  t.is(historyJson.commandUuid, uuid);
  t.is(historyJson.events.length, 6);
});

test.serial('generate --connectors writes the same rows to several sinks; status and history show each sink', async (t) => {
  const file = await modelFile('cli-multi', model('cli-multi'));
  const r = await runCli(['generate', '--server', svc.url, '--model', file, '--connectors', 'json,CSV', '--rows', '4', '--batches', '2', '--seed', '3', '--wait']);
  t.is(r.code, 0, r.stderr);
  const uuid = r.stdout.split('\n')[0]!;
  t.regex(r.stdout, /FINISHED 8 rows in 2\/2 batches \(multipleconnectors, model cli-multi\)/);
  const files = (await readdir(path.join(svc.dataDir, 'output', 'cli-multi'))).sort();
  t.deepEqual(files, ['cli-multi-0000000000.csv', 'cli-multi-0000000000.json', 'cli-multi-0000000001.csv', 'cli-multi-0000000001.json']);

  const status = await runCli(['status', uuid, '--server', svc.url]);
  t.regex(status.stdout, /^service +multipleconnectors$/m);
  t.regex(status.stdout, /^sinks +json 8 rows, csv 8 rows$/m);
  const history = await runCli(['history', uuid, '--server', svc.url]);
  t.regex(history.stdout, /multipleconnectors \(json, csv\): 2 × 4 rows/);
  t.regex(history.stdout, /batch 1: 4 rows in \d+ms → json \S+cli-multi-0000000001\.json, csv \S+cli-multi-0000000001\.csv/);

  const refused = await runCli(['generate', '--server', svc.url, '--model', file, '--connectors', 'json,nosuch', '--wait']);
  t.is(refused.code, 2);
  t.regex(refused.stderr, /wrong connectors: "nosuch" is not a sink this service runs/);
});

test.serial('status of an unknown command and an unreachable server exit 2 with a clear message', async (t) => {
  const missing = await runCli(['status', '00000000-0000-4000-8000-000000000000', '--server', svc.url]);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /404: command 00000000-0000-4000-8000-000000000000 not found/);
  const down = await runCli(['list'], { DATAGEN_SERVER: 'http://127.0.0.1:9' });
  t.is(down.code, 2);
  t.regex(down.stderr, /cannot reach the datagen service at http:\/\/127\.0\.0\.1:9/);
});

test.serial('without --server, generate runs an embedded service for the duration of the command', async (t) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'datagen-cli-embedded-'));
  const file = await modelFile('cli-embedded', model('cli-embedded'));
  const r = await runCli(['generate', '--model', file, '--rows', '5', '--batches', '2'], { DATAGEN_DATA_DIR: dataDir, DATAGEN_WORKER_SLOTS: '1' });
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /embedded service at http:\/\/127\.0\.0\.1:\d+/);
  t.regex(r.stdout, /FINISHED 10 rows in 2\/2 batches/);
  t.deepEqual((await readdir(path.join(dataDir, 'output', 'cli-embedded'))).sort(), ['cli-embedded-0000000000.json', 'cli-embedded-0000000001.json']);
});

test.serial('with users configured, --user (or DATAGEN_USER) sends Basic auth; a viewer may read but not launch', async (t) => {
  const secured = await startServe({ env: { DATAGEN_USERS: 'ada:s3cret:admin,vic:peek:viewer' } });
  try {
    const anonymous = await runCli(['list', '--server', secured.url]);
    t.is(anonymous.code, 2);
    t.regex(anonymous.stderr, /401/);
    const file = await modelFile('cli-auth', model('cli-auth'));
    const admin = await runCli(['generate', '--server', secured.url, '--model', file, '--rows', '1', '--batches', '1', '--wait', '--user', 'ada:s3cret']);
    t.is(admin.code, 0, admin.stderr);
    const uuid = admin.stdout.split('\n')[0];
    const viewerList = await runCli(['list', '--server', secured.url], { DATAGEN_USER: 'vic:peek' });
    t.is(viewerList.code, 0, viewerList.stderr);
    t.true(viewerList.stdout.includes(uuid));
    const viewerLaunch = await runCli(['generate', '--server', secured.url, '--model', file, '--user', 'vic:peek']);
    t.is(viewerLaunch.code, 2);
    t.regex(viewerLaunch.stderr, /403/);
  } finally {
    await secured.stop();
  }
});

test.serial('cancel stops a running command, and generate --wait following it exits 1 with the reason', async (t) => {
  // No generator actors: a command stays RUNNING until it is cancelled.
  const idle = await startServe({ env: { DATAGEN_WORKER_SLOTS: '0' } });
  try {
    const file = await modelFile('cli-cancel', model('cli-cancel'));
    const waiting = runCli(['generate', '--server', idle.url, '--model', file, '--rows', '1', '--batches', '2', '--wait']);
    let uuid = '';
    while (!uuid) {
      const all = (await getJson(idle.url, '/command/getByStatus?status=RUNNING')).body as Array<{ commandUuid: string }>;
      uuid = all[0]?.commandUuid ?? '';
      if (!uuid) await new Promise((r) => setTimeout(r, 100));
    }
    const cancel = await runCli(['cancel', uuid, '--server', idle.url]);
    t.is(cancel.code, 0, cancel.stderr);
    t.regex(cancel.stdout, new RegExp(`^${uuid} [A-Z]+\n$`));
    const followed = await waiting;
    t.is(followed.code, 1);
    t.is(followed.stdout.split('\n')[0], uuid);
    t.regex(followed.stdout, /^CANCELLED 0 rows in 0\/2 batches/m);
    t.regex(followed.stderr, new RegExp(`command ${uuid} CANCELLED`));
    const status = await runCli(['status', uuid, '--server', idle.url]);
    t.regex(status.stdout, /^status +CANCELLED$/m);
  } finally {
    await idle.stop();
  }
});
