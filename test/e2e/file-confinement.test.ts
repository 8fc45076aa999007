/**
 * Internal settings, file names and paths, files never read as data and output ownership, through real service
 * processes: the attacks of issue 10 and their variants, then a scan of /tmp, /root and /etc for anything they
 * could have written outside the allowed roots.
 */
import test from 'ava';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { getJson, startServe, startWorkerProcess, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';

/** In every name an attack tries, so the final scan recognises its files anywhere. */
const TOKEN = `dgconf${randomBytes(4).toString('hex')}`;
const SECRET = `hunter9-${randomBytes(6).toString('hex')}`;
const STORE_FILE = 'nats/jetstream/$G/streams/KV_datagen_command_secrets/msgs/1.blk';

const model = (over: Record<string, unknown> = {}) => JSON.stringify({ model_name: 'conf', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }], ...over });

let svc: ServiceProcess;
let nats: TestNats;
let idle: ServiceProcess;
let outside: string;
let victimDir: string;
let marker: string;
/** Outside the roots, with a link into the data directory. */
let intoDir: string;
const made: string[] = [];

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

test.before(async () => {
  // The scan finds files changed after this marker.
  marker = path.join(await tempDir('datagen-conf-marker-'), 'start');
  await writeFile(marker, '');
  const past = new Date(Date.now() - 2000);
  await utimes(marker, past, past);
  outside = await tempDir('datagen-conf-outside-');
  victimDir = await tempDir('datagen-conf-victim-');
  svc = await startServe({ env: { DATAGEN_WORKER_SLOTS: '1', DATAGEN_LOG_LEVEL: 'debug' } });
  // No generator actors of its own: its commands stay RUNNING until a worker joins (or they are cancelled).
  nats = await startTestNats();
  idle = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '0', DATAGEN_MAX_DELIVER: '1', DATAGEN_ACK_WAIT_SECONDS: '2' } });
});

test.after.always(async () => {
  await svc?.stop();
  await idle?.stop();
  await nats?.destroy();
  await Promise.all(made.map((d) => rm(d, { recursive: true, force: true })));
});

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const statusOf = async (url: string, uuid: string) => (await getJson(url, `/command/getCommandStatus?commandUuid=${uuid}`)).body;
const running = (url: string, uuid: string) => until(`${uuid} RUNNING`, async () => ((await statusOf(url, uuid)).status === 'RUNNING' ? true : undefined));

async function modelTest(url: string, text: string) {
  const form = new FormData();
  form.set('model_file', new Blob([text], { type: 'application/json' }), 'm.json');
  const res = await fetch(`${url}/model/test`, { method: 'POST', body: form });
  return { status: res.status, text: await res.text() };
}

test.serial('DATAGEN_SCHEDULE_EXECUTION cannot be set in any form: 400 naming the key, nothing written outside', async (t) => {
  const victim = path.join(victimDir, `${TOKEN}.json`);
  await writeFile(victim, 'precious');
  const value = `/../../../../../../..${victimDir}/${TOKEN}`;
  const forms: Record<string, string>[] = [
    { extraProperties: JSON.stringify({ DATAGEN_SCHEDULE_EXECUTION: value }) },
    { extraProperties: `KAFKA_BROKERS=b:9092;DATAGEN_SCHEDULE_EXECUTION=${value}` },
    { 'extraProperties.DATAGEN_SCHEDULE_EXECUTION': value },
    { 'extraProperties[DATAGEN_SCHEDULE_EXECUTION]': '000001' },
    { extraProperties: JSON.stringify({ DATAGEN_OUTPUT_ROOTS: '/' }) },
  ];
  for (const single of ['true', 'false']) {
    for (const fields of forms) {
      const res = await submit(svc.url, 'json', { rows: 1, batches: 1, ...fields }, { text: model({ Options: { ONE_FILE_PER_ITERATION: single } }) });
      t.is(res.status, 400, JSON.stringify(fields));
      t.regex(res.body.error, /^extraProperties key "DATAGEN_[A-Z_]+" is an internal setting of the service and cannot be set$/);
    }
  }
  // As a query parameter too.
  const form = new FormData();
  form.set('model_file', new Blob([model()], { type: 'application/json' }), 'm.json');
  const query = await fetch(`${svc.url}/datagen/json?${new URLSearchParams({ 'extraProperties.DATAGEN_SCHEDULE_EXECUTION': value })}`, { method: 'POST', body: form });
  t.is(query.status, 400);
  // An unknown setting is refused as well, with a suggestion.
  const typo = await submit(svc.url, 'json', { extraProperties: '{"KAFKA_BROKER":"b:9092"}' }, { text: model() });
  t.is(typo.status, 400);
  t.regex(typo.body.error, /"KAFKA_BROKER" is not a setting any sink reads \(did you mean KAFKA_BROKERS\?\)/);
  t.is(await readFile(victim, 'utf8'), 'precious');
  t.deepEqual(await readdir(victimDir), [`${TOKEN}.json`]);
});

test.serial('model_name and LOCAL_FILE_NAME must be plain names: 400 naming the field for each variant', async (t) => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ model_name: `../../../../..${victimDir}/${TOKEN}` }, /^model_name .* contains a path separator/],
    [{ model_name: '..' }, /^model_name "\.\." cannot name files/],
    [{ model_name: `${TOKEN}..x` }, /^model_name .* contains "\.\."/],
    [{ model_name: `${TOKEN}\\..\\x` }, /^model_name .* contains a path separator/],
    [{ model_name: `${TOKEN}\u0000x` }, /^model_name .* contains a control character/],
    [{ model_name: TOKEN + 'n'.repeat(160) }, /^model_name .* is longer than 160 bytes/],
    [{ Table_Names: { LOCAL_FILE_NAME: `../../../../..${victimDir}/${TOKEN}` } }, /^Table_Names\.LOCAL_FILE_NAME .* contains a path separator/],
    [{ Table_Names: { LOCAL_FILE_NAME: '..' } }, /^Table_Names\.LOCAL_FILE_NAME/],
    [{ Table_Names: { LOCAL_FILE_NAME: `${TOKEN}\nx` } }, /^Table_Names\.LOCAL_FILE_NAME .* control character/],
    [{ Table_Names: { LOCAL_FILE_NAME: `${TOKEN}/` } }, /^Table_Names\.LOCAL_FILE_NAME/],
    [{ Table_Names: { LOCAL_FILE_NAME: 'é'.repeat(100) } }, /^Table_Names\.LOCAL_FILE_NAME .* longer than 160 bytes/],
  ];
  for (const single of ['true', 'false']) {
    for (const [over, re] of cases) {
      const res = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model({ ...over, Options: { ONE_FILE_PER_ITERATION: single } }) });
      t.is(res.status, 400, JSON.stringify(over));
      t.regex(res.body.error, re, JSON.stringify(over));
    }
  }
  // Percent-encoded separators are not separators: the name is used literally, inside the output directory.
  const encoded = `${TOKEN}%2F%2E%2E%2Fenc%5C`;
  const ok = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model({ model_name: 'enc', Table_Names: { LOCAL_FILE_NAME: encoded } }) });
  t.is(ok.status, 200, JSON.stringify(ok.body));
  t.is((await waitForTerminal(svc.url, ok.body.commandUuid)).status, 'FINISHED');
  t.deepEqual(await readdir(path.join(svc.dataDir, 'output', 'enc')), [`${encoded}-0000000000.json`]);
});

test.serial('LOCAL_FILE_PATH: never the NATS store (directly or through a link), never outside through a link in either direction', async (t) => {
  await symlink(path.join(svc.dataDir, 'nats'), path.join(svc.dataDir, 'store-link'));
  await symlink(outside, path.join(svc.dataDir, 'way-out'));
  // A link outside the roots that points into the data directory does not make its path an allowed one.
  intoDir = await tempDir('datagen-conf-into-');
  await symlink(path.join(svc.dataDir, 'output'), path.join(intoDir, 'data-output'));
  const cases: [string, RegExp][] = [
    ['nats', /inside .*nats, which holds the service's own state/],
    ['nats/jetstream', /service's own state/],
    [path.join(svc.dataDir, 'nats', TOKEN), /service's own state/],
    ['output/../nats', /service's own state/],
    ['store-link', /service's own state/],
    [`store-link/${TOKEN}`, /service's own state/],
    ['way-out', /outside the allowed output directories/],
    [`way-out/${TOKEN}`, /outside the allowed output directories/],
    [path.join(intoDir, 'data-output'), /outside the allowed output directories/],
    [`../${TOKEN}`, /outside the allowed output directories/],
  ];
  for (const [dir, re] of cases) {
    const res = await submit(svc.url, 'csv', { rows: 1, batches: 1 }, { text: model({ Table_Names: { LOCAL_FILE_PATH: dir, LOCAL_FILE_NAME: TOKEN } }) });
    t.is(res.status, 400, dir);
    t.regex(res.body.error, new RegExp(`^Table_Names\\.LOCAL_FILE_PATH .*${re.source}`), dir);
  }
  t.deepEqual(await readdir(outside), []);
  t.false((await readdir(path.join(svc.dataDir, 'nats'), { recursive: true })).some((n) => n.includes(TOKEN)));
});

test.serial('CSV fields and model references never read the NATS store or its secrets, by path or by link', async (t) => {
  // A stored command secret: the KV bucket's first message file now exists under <data dir>/nats.
  const seeded = await submit(svc.url, 'json', { rows: 1, batches: 1, extraProperties: JSON.stringify({ KAFKA_KEYSTORE_PASSWORD: SECRET }) }, { text: model() });
  t.is(seeded.status, 200, JSON.stringify(seeded.body));
  await waitForTerminal(svc.url, seeded.body.commandUuid);
  const blk = path.join(svc.dataDir, STORE_FILE);
  t.true(existsSync(blk), 'the secret bucket is stored under the data directory');
  await symlink(blk, path.join(svc.dataDir, 'innocent.csv'));
  await symlink(path.join(svc.dataDir, 'nats'), path.join(svc.dataDir, 'looks-like-data'));
  const files = [STORE_FILE, blk, `./output/../${STORE_FILE}`, 'innocent.csv', `looks-like-data/${STORE_FILE.slice('nats/'.length)}`];
  for (const file of files) {
    const csv = model({ Fields: [{ name: 'p', type: 'CSV', file, separator: ',', field: 'x' }] });
    const tested = await modelTest(svc.url, csv);
    t.is(tested.status, 400, file);
    t.regex(tested.text, /is part of the service's own state/, file);
    t.false(tested.text.includes(SECRET), `secret in /model/test's answer for ${file}`);
    const launched = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: csv });
    t.is(launched.status, 400, file);
    t.false(JSON.stringify(launched.body).includes(SECRET));
  }
  // A text model reference through a link in the models directory.
  await mkdir(path.join(svc.dataDir, 'models'), { recursive: true });
  await symlink(blk, path.join(svc.dataDir, 'models', `${TOKEN}.json`));
  const form = new FormData();
  form.set('model', TOKEN);
  const ref = await fetch(`${svc.url}/model/test`, { method: 'POST', body: form });
  const refText = await ref.text();
  t.is(ref.status, 400);
  t.regex(refText, /is neither a stored model nor a model file/);
  t.false(refText.includes(SECRET));
  t.false(svc.output().includes(SECRET), 'the secret is in the log');
});

test.serial('DELETE_PREVIOUS deletes only this prefix\'s names, never another model\'s files that start alike', async (t) => {
  const dir = path.join(svc.dataDir, 'shared');
  await mkdir(dir, { recursive: true });
  const others = ['customers-usa-0000000000.json', 'cc-0000000000.json', 'c-1.json', 'c-0000000000.csv', 'c.json.bak'];
  const previous = ['c-0000000007.json', 'c.json', 'c-execution-000001-0000000000.json', 'c-execution-000002.json'];
  for (const f of [...others, ...previous]) await writeFile(path.join(dir, f), 'old');
  const res = await submit(svc.url, 'json', { rows: 2, batches: 1 }, {
    text: model({ model_name: 'cmodel', Table_Names: { LOCAL_FILE_PATH: 'shared', LOCAL_FILE_NAME: 'c' }, Options: { DELETE_PREVIOUS: 'true' } }),
  });
  t.is(res.status, 200, JSON.stringify(res.body));
  t.is((await waitForTerminal(svc.url, res.body.commandUuid)).status, 'FINISHED');
  t.deepEqual((await readdir(dir)).sort(), [...others, 'c-0000000000.json'].sort());
  t.is(await readFile(path.join(dir, 'customers-usa-0000000000.json'), 'utf8'), 'old');
});

test.serial('a command refuses (409, naming it) to write where a command that has not ended writes', async (t) => {
  const own = model({ model_name: 'own' });
  const first = await submit(idle.url, 'json', { rows: 1, batches: 2 }, { text: own });
  t.is(first.status, 200);
  const a = first.body.commandUuid;
  await running(idle.url, a);
  const alias = path.join(idle.dataDir, 'alias');
  await mkdir(path.join(idle.dataDir, 'output', 'own'), { recursive: true });
  await symlink(path.join(idle.dataDir, 'output', 'own'), alias);
  const conflicting: [string, Record<string, string | number>, string][] = [
    ['the same model and format', {}, own],
    ['the same names spelt with an absolute LOCAL_FILE_PATH', {}, model({ model_name: 'x', Table_Names: { LOCAL_FILE_PATH: path.join(idle.dataDir, 'output', 'own'), LOCAL_FILE_NAME: 'own' } })],
    ['the same directory through a link', {}, model({ model_name: 'y', Table_Names: { LOCAL_FILE_PATH: 'alias', LOCAL_FILE_NAME: 'own' } })],
    ['an execution name family deleted by DELETE_PREVIOUS', { delay_between_executions_seconds: 60 }, model({ model_name: 'own', Options: { DELETE_PREVIOUS: 'true' } })],
  ];
  for (const [what, fields, text] of conflicting) {
    const res = await submit(idle.url, 'json', { rows: 1, batches: 1, ...fields }, { text });
    t.is(res.status, 409, what);
    t.regex(res.body.error, new RegExp(`^command ${a} has not ended and writes .*own\\*\\.json`), what);
    t.is((res.body.details as any).conflictingCommand, a, what);
  }
  // Elsewhere, or another format: accepted.
  const csv = await submit(idle.url, 'csv', { rows: 1, batches: 1 }, { text: own });
  const renamed = await submit(idle.url, 'json', { rows: 1, batches: 1 }, { text: model({ model_name: 'own', Table_Names: { LOCAL_FILE_NAME: 'own2' } }) });
  const sched = await submit(idle.url, 'json', { rows: 1, batches: 1, delay_between_executions_seconds: 60 }, { text: own });
  for (const r of [csv, renamed, sched]) t.is(r.status, 200, JSON.stringify(r.body));
  // A second schedule of the same model would write the same execution names.
  const twin = await submit(idle.url, 'json', { rows: 1, batches: 1, delay_between_executions_seconds: 60 }, { text: own });
  t.is(twin.status, 409);
  const firstSchedule = ((await getJson(idle.url, '/command/getAllScheduled')).body as any[]).find((s) => s.scheduleId === sched.body.commandUuid);
  const claimants = [sched.body.commandUuid, ...firstSchedule.executions.map((e: any) => e.commandUuid)];
  t.true(claimants.includes((twin.body.details as any).conflictingCommand), JSON.stringify(twin.body));

  await getJson(idle.url, `/command/removeScheduled?commandUuid=${sched.body.commandUuid}`);
  for (const uuid of [a, csv.body.commandUuid, renamed.body.commandUuid]) await getJson(idle.url, `/command/cancel?commandUuid=${uuid}`);
  t.is((await waitForTerminal(idle.url, a)).status, 'CANCELLED');
  const again = await submit(idle.url, 'json', { rows: 1, batches: 1 }, { text: own });
  t.is(again.status, 200, 'free again once the other command ended');
  await getJson(idle.url, `/command/cancel?commandUuid=${again.body.commandUuid}`);
  await waitForTerminal(idle.url, again.body.commandUuid);
  const executions = (await getJson(idle.url, '/command/getByStatus?status=RUNNING')).body as any[];
  for (const e of executions) await getJson(idle.url, `/command/cancel?commandUuid=${e.commandUuid}`);
});

test.serial('a CANCELLED single-file command leaves no parts directory behind', async (t) => {
  const res = await submit(idle.url, 'parquet', { rows: 1, batches: 3 }, { text: model({ model_name: 'half', Options: { ONE_FILE_PER_ITERATION: 'false' } }) });
  t.is(res.status, 200);
  await running(idle.url, res.body.commandUuid);
  const dir = path.join(idle.dataDir, 'output', 'half');
  t.true((await readdir(dir)).some((n) => n.endsWith('.parts')), 'prepare made the parts directory');
  await getJson(idle.url, `/command/cancel?commandUuid=${res.body.commandUuid}`);
  t.is((await waitForTerminal(idle.url, res.body.commandUuid)).status, 'CANCELLED');
  await until('parts directory removed', async () => ((await readdir(dir)).length === 0 ? true : undefined));
  t.deepEqual(await readdir(dir), []);
});

test.serial('a link planted after submission is refused when the worker writes: FAILED with the reason, nothing outside', async (t) => {
  const res = await submit(idle.url, 'json', { rows: 1, batches: 1 }, { text: model({ model_name: 'late', Table_Names: { LOCAL_FILE_PATH: 'late', LOCAL_FILE_NAME: TOKEN } }) });
  t.is(res.status, 200);
  await running(idle.url, res.body.commandUuid);
  t.true((await stat(path.join(idle.dataDir, 'late'))).isDirectory(), 'prepare made the directory');
  await rm(path.join(idle.dataDir, 'late'), { recursive: true });
  await symlink(outside, path.join(idle.dataDir, 'late'));
  const worker = await startWorkerProcess(nats.url, { DATAGEN_WORKER_SLOTS: '1', DATAGEN_DATA_DIR: idle.dataDir, DATAGEN_MAX_DELIVER: '1', DATAGEN_ACK_WAIT_SECONDS: '2' });
  try {
    const end = await waitForTerminal(idle.url, res.body.commandUuid);
    t.is(end.status, 'FAILED');
    t.regex(end.comment, /"late" resolves to .*late, which is outside the allowed output directories|refusing to write in .*late: it resolves to .*outside the allowed output directories/);
  } finally {
    await worker.stop();
  }
  t.deepEqual(await readdir(outside), []);
});

test.serial('the services stayed healthy, and no file appeared outside the allowed roots', async (t) => {
  for (const s of [svc, idle]) t.is((await fetch(`${s.url}/api/v1/health/status`)).status, 200);
  const roots = ['/tmp', '/root', '/etc'].filter((r) => existsSync(r));
  const { stdout } = await promisify(execFile)('find', [...roots, '-xdev', '-newer', marker, '(', '-type', 'f', '-o', '-type', 'l', ')', '-print'], { maxBuffer: 64 * 1024 * 1024 }).catch(
    (err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }), // unreadable directories: keep what was found
  );
  // The allowed roots, and the files this test itself made outside them.
  const allowed = [svc.dataDir, idle.dataDir].map((d) => `${d}${path.sep}`);
  const ownFiles = new Set([marker, path.join(victimDir, `${TOKEN}.json`), path.join(intoDir, 'data-output')]);
  const changed = stdout.split('\n').filter(Boolean).filter((f) => !ownFiles.has(f) && !allowed.some((a) => f.startsWith(a)));
  // Other processes change files too (caches, other tests' data directories): ours would carry the token, or be
  // named like output, outside a data directory.
  const ours = changed.filter((f) => f.includes(TOKEN) || (/-\d{10}\.(json|csv|avro|parquet)$/.test(f) && !/\/datagen-[^/]+\//.test(f)));
  t.deepEqual(ours, [], `files outside the allowed roots: ${ours.join(', ')}`);
  t.deepEqual(await readdir(outside), []);
});
