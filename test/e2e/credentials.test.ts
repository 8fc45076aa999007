/**
 * /credentials/* through a real `datagen serve` on the harness's PostgreSQL: every route under / and /api/v1 for
 * each kind of caller (anonymous, viewer, admin, the owner, a user granted by group, another user); a command
 * that signs in to PostgreSQL only with a stored PASSWORD credential (credentials=, comma-separated or repeated);
 * and no credential's secret anywhere it could be read back: answers, command views and history, live events,
 * the service log, and every NATS stream (the credentials bucket holds it sealed). A service without
 * DATAGEN_CREDENTIALS_KEY refuses to store one, saying which setting to set.
 */
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DatagenClient } from '../../src/cli/client/api.js';
import { connectNats } from '../../src/nats/connection.js';
import { freePort } from '../helpers/services/ports.js';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';
import { POSTGRES_PASSWORD, POSTGRES_USER, type PostgresService, postgresUnavailableReason, queryPostgres, startPostgres } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { textUntilAborted } from '../helpers/live-text.js';

const tag = randomBytes(4).toString('hex');
/** Secrets of this test's credentials besides PostgreSQL's own password: none may be read back. */
const KEYTAB_BYTES = `keytab-${tag}-bytes`;
const TOKEN = `sas-token-${tag}`;
const PW = { root: `root-${tag}-pw`, alice: `alice-${tag}-pw`, bob: `bob-${tag}-pw`, carol: `carol-${tag}-pw`, dave: `dave-${tag}-pw` };
type Who = keyof typeof PW | 'anonymous';

const pgServer = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);

let svc: ServiceProcess;
let nc: NatsConnection;
const liveAbort = new AbortController();
let liveAll: Promise<string>;

function auth(who: Who): Record<string, string> {
  return who === 'anonymous' ? {} : { authorization: `Basic ${Buffer.from(`${who}:${PW[who]}`).toString('base64')}` };
}

async function call(who: Who, method: string, path: string, body?: FormData | Record<string, unknown>) {
  const json = body && !(body instanceof FormData);
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: { ...auth(who), ...(json ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: json ? JSON.stringify(body) : (body as FormData) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

const names = (r: { body: Array<{ name: string }> }) => r.body.map((c) => c.name).sort();

function model(table: string) {
  return JSON.stringify({
    model_name: `cred_${table}`,
    Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'code', type: 'STRING', length: 6 }],
    Table_Names: { POSTGRESQL_TABLE: table },
    Options: {},
  });
}

async function generate(who: Who, table: string, credentials: string[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ rows: '20', batches: '2', threads: '1' })) form.set(k, v);
  for (const c of credentials) form.append('credentials', c);
  form.set('model_file', new Blob([model(table)], { type: 'application/json' }), 'model.json');
  return call(who, 'POST', '/datagen/postgresql', form);
}

async function natsStoredText(): Promise<{ text: string; sealed: string }> {
  const jsm = await jetstreamManager(nc);
  const parts: string[] = [];
  let sealed = '';
  for await (const info of jsm.streams.list()) {
    const name = info.config.name;
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
      if (!m) continue;
      const text = `${m.subject}\n${new TextDecoder().decode(m.data)}`;
      if (name === 'KV_datagen_credentials') sealed += text;
      else parts.push(text);
    }
  }
  return { text: parts.join('\n'), sealed };
}

/** The command once it has ended (polled as the admin: the service signs everyone in). */
async function ended(uuid: string): Promise<{ status: string; comment?: string }> {
  for (;;) {
    const res = await call('root', 'GET', `/command/getCommandStatus?commandUuid=${uuid}`);
    if (['FINISHED', 'FAILED', 'CANCELLED'].includes(res.body?.status)) return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
}

const credentialDirs = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith('datagen-credentials-'));

pgServer.test('start a service whose PostgreSQL URL carries no user or password', async (t) => {
  const natsPort = await freePort();
  const db = pgServer.service();
  svc = await startServe({
    env: {
      DATAGEN_USERS: `root:${PW.root}:admin,alice:${PW.alice}:user,bob:${PW.bob}:user,carol:${PW.carol}:viewer`,
      DATAGEN_CREDENTIALS_KEY: randomBytes(32).toString('base64'),
      DATAGEN_NATS_PORT: String(natsPort),
      DATAGEN_LOG_LEVEL: 'debug',
      POSTGRESQL_URL: `postgresql://${db.host}:${db.port}/postgres`,
    },
  });
  nc = await connectNats(`nats://127.0.0.1:${natsPort}`, 'credentials-test');
  const live = await fetch(`${svc.url}/command/events`, { headers: auth('carol'), signal: liveAbort.signal });
  liveAll = textUntilAborted(live);
  const dave = await call('root', 'POST', '/users/add', { username: 'dave', password: PW.dave, groups: 'user,team-a' });
  t.is(dave.status, 200, dave.text);
});

pgServer.test('each route and caller: anonymous 401, a viewer lists but may not add or remove; no answer holds a secret', async (t) => {
  for (const [method, path] of [['GET', '/credentials/listCredentials'], ['GET', '/credentials/listCredentialsForUser?user=alice'], ['POST', '/credentials/addCredentials'], ['DELETE', '/credentials/removeCredentials?credName=x']]) {
    t.is((await call('anonymous', method!, path!)).status, 401, `${method} ${path}`);
    t.is((await call('anonymous', method!, `/api/v1${path}`)).status, 401);
  }
  t.is((await call('carol', 'POST', '/credentials/addCredentials', { name: 'c', type: 'PASSWORD', account: 'x', content: 'y' })).status, 403, 'viewer');
  t.is((await call('carol', 'DELETE', '/credentials/removeCredentials?credName=x')).status, 403, 'viewer');

  // alice: a PASSWORD as a value field (JSON), shared with the group team-a; a KEYTAB as a file part (multipart).
  const added = await call('alice', 'POST', '/credentials/addCredentials', { name: 'pg-login', type: 'password', account: POSTGRES_USER, content: POSTGRES_PASSWORD, groups: 'team-a' });
  t.is(added.status, 200, added.text);
  t.like(added.body, { name: 'pg-login', type: 'PASSWORD', accountAssociated: POSTGRES_USER, encrypted: true, owner: 'alice', usersAuthorized: [], groupsAuthorized: ['team-a'] });
  const form = new FormData();
  form.set('name', 'alice-kt');
  form.set('type', 'KEYTAB');
  form.set('account', 'alice@EXAMPLE.ORG');
  form.set('content', new Blob([KEYTAB_BYTES], { type: 'application/octet-stream' }), 'alice.keytab');
  const keytab = await call('alice', 'POST', '/api/v1/credentials/addCredentials', form);
  t.is(keytab.status, 200, keytab.text);
  const sas = await call('root', 'POST', '/credentials/addCredentials', { name: 'root-sas', type: 'ADLS_SAS_TOKEN', account: 'acct', content: TOKEN });
  t.is(sas.status, 200, sas.text);

  t.is((await call('alice', 'POST', '/credentials/addCredentials', { name: 'pg-login', type: 'PASSWORD', account: 'x', content: 'other' })).status, 409);
  t.is((await call('bob', 'POST', '/credentials/addCredentials', { name: 'pg-login', type: 'PASSWORD', account: 'x', content: 'other', replace: 'true' })).status, 403, 'another user may not replace it');
  const bad = await call('alice', 'POST', '/credentials/addCredentials', { name: 'p2', type: 'PASSWORD', account: 'x', content: '/etc/passwd', password: 'p' });
  t.is(bad.status, 400);
  t.regex(bad.body.error, /parameter password/);

  const inUrl = await call('alice', 'POST', `/credentials/addCredentials?name=q&type=PASSWORD&account=x&content=${TOKEN}`);
  t.is(inUrl.status, 400);
  t.regex(inUrl.body.error, /parameter content must be sent in the request body/);
  t.deepEqual(names(await call('root', 'GET', '/credentials/listCredentials')), ['alice-kt', 'pg-login', 'root-sas'], 'an admin sees all');
  t.deepEqual(names(await call('alice', 'GET', '/api/v1/credentials/listCredentials')), ['alice-kt', 'pg-login'], 'the owner sees hers');
  t.deepEqual(names(await call('dave', 'GET', '/credentials/listCredentials')), ['pg-login'], 'granted by group');
  t.deepEqual(names(await call('bob', 'GET', '/credentials/listCredentials')), [], 'another user sees none');
  t.deepEqual(names(await call('carol', 'GET', '/credentials/listCredentials')), [], 'a viewer outside the group sees none');
  t.deepEqual(names(await call('root', 'GET', '/credentials/listCredentialsForUser?user=alice')), ['alice-kt', 'pg-login']);
  t.deepEqual(names(await call('dave', 'GET', '/credentials/listCredentialsForUser?user=alice')), ['pg-login']);
  t.is((await call('root', 'GET', '/credentials/listCredentialsForUser')).status, 400, 'user is required');

  t.is((await call('dave', 'DELETE', '/credentials/removeCredentials?credName=pg-login')).status, 403, 'may use, not remove');
  t.is((await call('bob', 'DELETE', '/credentials/removeCredentials?credName=pg-login')).body, false, 'not visible to bob');
  const answers = [added.text, keytab.text, sas.text, (await call('root', 'GET', '/credentials/listCredentials')).text];
  for (const text of answers) for (const secret of [POSTGRES_PASSWORD, KEYTAB_BYTES, TOKEN]) t.false(text.includes(secret), secret);
});

let finished: string;

pgServer.test('a command signs in to PostgreSQL with a stored PASSWORD credential; only callers who may use it may name it', async (t) => {
  const before = credentialDirs();
  const without = await generate('dave', `t_none_${tag}`, []);
  t.is(without.status, 200, without.text);
  const failed = await ended(without.body.commandUuid);
  t.is(failed.status, 'FAILED', 'no password: PostgreSQL refuses');

  const table = `t_cred_${tag}`;
  const res = await generate('dave', table, ['pg-login']);
  t.is(res.status, 200, res.text);
  finished = res.body.commandUuid;
  const status = await ended(finished);
  t.is(status.status, 'FINISHED', JSON.stringify(status));
  t.is(Number((await queryPostgres<{ n: string }>(pgServer.service().url, `SELECT count(*) AS n FROM public."${table}"`))[0]!.n), 40);

  // Repeated and comma-separated alike; a file credential is written where it runs and removed afterwards.
  const both = await generate('alice', `t_both_${tag}`, ['pg-login,alice-kt']);
  t.is(both.status, 200, both.text);
  t.is((await ended(both.body.commandUuid)).status, 'FINISHED');
  t.deepEqual(credentialDirs(), before, 'no credential directory left behind');

  // The CLI's client (datagen generate --credentials) sends them the same way.
  const dir = await mkdtemp(path.join(os.tmpdir(), 'credentials-cli-'));
  const modelFile = path.join(dir, 'model.json');
  await writeFile(modelFile, model(`t_cli_${tag}`));
  const cli = new DatagenClient({ server: svc.url, user: `dave:${PW.dave}` });
  const submitted = await cli.generate({ service: 'postgresql', modelFile, credentials: 'pg-login', rows: 5, batches: 1 });
  t.is((await ended(submitted.commandUuid)).status, 'FINISHED');
  await rm(dir, { recursive: true, force: true });

  const refused = await generate('bob', `t_bob_${tag}`, ['pg-login']);
  t.is(refused.status, 400);
  t.regex(refused.body.error, /no credential named pg-login that user bob may use/);
  const unknown = await generate('alice', `t_x_${tag}`, ['pg-login', 'nope']);
  t.is(unknown.status, 400);
  t.regex(unknown.body.error, /parameter credentials: no credential named nope/);
});

pgServer.test('no secret of a credential in views, history, live events, the log or NATS (sealed in its bucket)', async (t) => {
  const reads = [
    await call('root', 'GET', `/command/get?commandUuid=${finished}`),
    await call('root', 'GET', `/command/history?commandUuid=${finished}`),
    await call('carol', 'GET', '/command/getAll'),
    await call('root', 'GET', `/command/getCommandStatus?commandUuid=${finished}`),
  ];
  for (const r of reads) t.is(r.status, 200, r.text);
  liveAbort.abort();
  const nats = await natsStoredText();
  t.true(nats.sealed.length > 0, 'the credentials bucket was read');
  const readable: Array<[string, string]> = [...reads.map((r, i): [string, string] => [`read ${i}`, r.text]), ['live events', await liveAll], ['log', svc.output()], ['NATS streams', nats.text], ['sealed credentials', nats.sealed]];
  for (const [where, text] of readable) {
    for (const secret of [POSTGRES_PASSWORD, KEYTAB_BYTES, TOKEN, Buffer.from(KEYTAB_BYTES).toString('base64')]) t.false(text.includes(secret), `${secret} in ${where}`);
  }
  t.true(nats.text.includes(finished), 'the events were read');
});

pgServer.test('a schedule opens the credential at each execution; removed by its owner, it is gone from the lists, the next execution fails naming it and pauses the schedule, and no command may name it', async (t) => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ rows: '5', batches: '1', threads: '1', delay_between_executions_seconds: '1', credentials: 'pg-login' })) form.set(k, v);
  form.set('model_file', new Blob([model(`t_sched_${tag}`)], { type: 'application/json' }), 'model.json');
  const created = await call('dave', 'POST', '/datagen/postgresql', form);
  t.is(created.status, 200, created.text);
  const id = created.body.commandUuid as string;
  const schedule = async () => (await call('root', 'GET', '/command/getAllScheduled')).body.find((s: { scheduleId: string }) => s.scheduleId === id);
  while (!(await schedule())?.executions.some((e: { status: string }) => e.status === 'FINISHED')) await new Promise((r) => setTimeout(r, 100));

  t.is((await call('alice', 'DELETE', '/api/v1/credentials/removeCredentials?credName=pg-login')).body, true);
  t.deepEqual(names(await call('dave', 'GET', '/credentials/listCredentials')), []);
  let view = await schedule();
  while (view.status !== 'PAUSED') {
    await new Promise((r) => setTimeout(r, 100));
    view = await schedule();
  }
  const failed = view.executions.find((e: { status: string }) => e.status === 'FAILED');
  t.regex(failed.comment, /credential pg-login no longer exists/);
  t.is((await generate('dave', `t_gone_${tag}`, ['pg-login'])).status, 400);
  await call('root', 'POST', `/command/removeScheduled?commandUuid=${id}`);
});

test.after.always(async () => {
  liveAbort.abort();
  await nc?.close();
  await svc?.stop();
});

test('a service without DATAGEN_CREDENTIALS_KEY stores no credential and says which setting to set', async (t) => {
  const open = await startServe({ env: { DATAGEN_WORKER_SLOTS: '0' } }); // the API alone answers this
  try {
    const res = await fetch(`${open.url}/credentials/addCredentials`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'x', type: 'PASSWORD', account: 'a', content: 'nothing-stored' }) });
    t.is(res.status, 503);
    t.regex((await res.json()).error, /set DATAGEN_CREDENTIALS_KEY or DATAGEN_CREDENTIALS_KEY_FILE/);
    t.deepEqual(await (await fetch(`${open.url}/credentials/listCredentials`)).json(), []);
  } finally {
    await open.stop();
  }
});
