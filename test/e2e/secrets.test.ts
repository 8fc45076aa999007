/**
 * No secret value reaches anything a viewer or an admin can read, nor the log, nor what NATS stores outside the
 * secret buckets: a real `datagen serve` with users, commands and a schedule and stored models carrying every kind
 * of secret (sink-declared keys, names the old pattern missed, URL user-info in a setting, in extraProperties and
 * in a model), two commands that FAIL with driver errors that would quote them.
 */
import test from 'ava';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { connectNats } from '../../src/nats/connection.js';
import { freePort } from '../helpers/services/ports.js';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';
import { textUntilAborted } from '../helpers/live-text.js';

const tag = randomBytes(4).toString('hex');
const s = (name: string) => `${name}-${tag}`;
/** Every secret value of this test; none may appear anywhere it reads. */
const SECRET = {
  envSasl: s('env-sasl-pw'),
  envUrl: s('env-url-pw'),
  modelKeystore: s('model-keystore-pw'),
  modelKeytab: s('model-keytab'),
  modelS3: s('model-s3-secret'),
  modelSslKey: s('model-ssl-key'),
  modelAdls: s('model-adls-key'),
  modelUserInfo: s('model-registry-pw'),
  modelUrl: s('model-url-pw'),
  fieldPassword: s('field-pw'),
  extraSslKey: s('extra-ssl-key'),
  extraAdls: s('extra-adls-key'),
  extraUserInfo: s('extra-registry-pw'),
  extraS3: s('extra-s3-secret'),
  hbaseUrl: s('hbase-url-pw'),
  encodedUrl: s('p@ss-encoded'),
  kafkaUrl: s('kafka-url-pw'),
  scheduleKey: s('schedule-ssl-key'),
  storedKeystore: s('stored-keystore-pw'),
  storedUrl: s('stored-url-pw'),
  rejectedUrl: s('rejected-url-pw'),
  adminPassword: s('root-pw'),
  viewerPassword: s('eve-pw'),
};
const ADMIN = 'Basic ' + Buffer.from(`root:${SECRET.adminPassword}`).toString('base64');
const VIEWER = 'Basic ' + Buffer.from(`eve:${SECRET.viewerPassword}`).toString('base64');

const modelWithSecrets = (name: string) => ({
  model_name: name,
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'code', type: 'STRING', length: 4, password: SECRET.fieldPassword }],
  Table_Names: {
    KAFKA_KEYSTORE_PASSWORD: SECRET.modelKeystore, HBASE_KEYTAB: SECRET.modelKeytab, S3_ACCESS_KEY_SECRET: SECRET.modelS3,
    KAFKA_SSL_KEY: SECRET.modelSslKey, ADLS_ACCOUNT_KEY: SECRET.modelAdls, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: `reg:${SECRET.modelUserInfo}`,
  },
  Options: { HBASE_PRIMARY_KEY: 'id', KAFKA_MSG_KEY: 'id', SCHEMA_REGISTRY_URL: `https://reg:${SECRET.modelUrl}@registry.invalid:8081` },
});
const EXTRA = JSON.stringify({
  KAFKA_SSL_KEY: SECRET.extraSslKey, ADLS_ACCOUNT_KEY: SECRET.extraAdls, S3_ACCESS_KEY_SECRET: SECRET.extraS3,
  SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: `reg:${SECRET.extraUserInfo}`,
});

let svc: ServiceProcess;
let nc: NatsConnection;
let closedPort: number;
let natsPort: number;
/** Everything the live event stream (all commands) showed the viewer while the test ran. */
let liveAll: Promise<string>;
const liveAbort = new AbortController();

async function call(path: string, auth: string, init: RequestInit = {}) {
  const res = await fetch(`${svc.url}${path}`, { ...init, headers: { authorization: auth, ...(init.headers as object) } });
  return { status: res.status, text: await res.text() };
}

async function submit(service: string, fields: Record<string, string>, model?: object) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (model) form.set('model_file', new Blob([JSON.stringify(model)], { type: 'application/json' }), 'model.json');
  const res = await call(`/datagen/${service}`, ADMIN, { method: 'POST', body: form });
  const body = JSON.parse(res.text);
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${res.text}`);
  return body.commandUuid as string;
}

/** Follows the command's Server-Sent Events, which end after its terminal event, and answers its final status. */
async function waitTerminal(uuid: string): Promise<{ status: string; comment: string; sse: string }> {
  const sse = (await call(`/command/events?commandUuid=${uuid}`, VIEWER)).text;
  const status = JSON.parse((await call(`/command/getCommandStatus?commandUuid=${uuid}`, VIEWER)).text);
  return { status: status.status, comment: status.comment, sse };
}

/** The uuid of a schedule's first execution, once the scheduler has queued it. */
async function firstExecution(scheduleId: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const view = JSON.parse((await call(`/command/get?commandUuid=${scheduleId}`, VIEWER)).text);
    if (view.executions?.[0]) return view.executions[0].commandUuid as string;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`schedule ${scheduleId} queued no execution`);
}

/** Every message of every NATS stream but the two secret buckets, as text. */
async function natsStoredText(): Promise<{ text: string; streams: string[] }> {
  const jsm = await jetstreamManager(nc);
  const parts: string[] = [];
  const streams: string[] = [];
  for await (const info of jsm.streams.list()) {
    const name = info.config.name;
    if (name === 'KV_datagen_command_secrets' || name === 'KV_datagen_model_secrets') continue;
    streams.push(name);
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(name, { seq }).catch(() => null);
      if (m) parts.push(m.subject, new TextDecoder().decode(m.data));
    }
  }
  return { text: parts.join('\n'), streams };
}

test.before(async () => {
  closedPort = await freePort(); // nothing listens there
  natsPort = await freePort();
  svc = await startServe({
    env: {
      DATAGEN_USERS: `root:${SECRET.adminPassword}:admin,eve:${SECRET.viewerPassword}:viewer`,
      DATAGEN_LOG_LEVEL: 'debug',
      DATAGEN_NATS_PORT: String(natsPort),
      KAFKA_SASL_PASSWORD: SECRET.envSasl,
      SCHEMA_REGISTRY_URL: `http://envuser:${SECRET.envUrl}@127.0.0.1:${closedPort}`,
    },
  });
  nc = await connectNats(`nats://127.0.0.1:${natsPort}`, 'secrets-test');
  const res = await fetch(`${svc.url}/command/events`, { headers: { authorization: VIEWER }, signal: liveAbort.signal });
  liveAll = textUntilAborted(res);
});
test.after.always(async () => {
  liveAbort.abort();
  await nc?.close();
  await svc?.stop();
});

test.serial('no secret value appears in any answer, live event, log line or NATS stream, for viewers and admins', async (t) => {
  // A command that finishes, with secrets in its model and its extraProperties (a URL with credentials too).
  const finished = await submit('json', { rows: '3', batches: '2', extraProperties: JSON.stringify({ ...JSON.parse(EXTRA), HBASE_REST_URL: `http://u:${SECRET.hbaseUrl}@h:8080` }) }, modelWithSecrets('with-secrets'));
  // Commands whose sink fails with a driver error quoting its address, credentials included.
  const hbase = await submit('hbase', { rows: '2', batches: '1', extraProperties: JSON.stringify({ ...JSON.parse(EXTRA), HBASE_REST_URL: `http://hbuser:${SECRET.hbaseUrl}@127.0.0.1:${closedPort}` }) }, modelWithSecrets('hbase-secrets'));
  const encoded = await submit('hbase', { rows: '2', batches: '1', extraProperties: JSON.stringify({ HBASE_REST_URL: `http://enc:${encodeURIComponent(SECRET.encodedUrl)}@127.0.0.1:${closedPort}/` }) }, modelWithSecrets('hbase-encoded'));
  const kafka = await submit('kafka', { rows: '2', batches: '1', extraProperties: JSON.stringify({ ...JSON.parse(EXTRA), KAFKA_BROKERS: `sasl://kuser:${SECRET.kafkaUrl}@127.0.0.1:${closedPort}` }) }, modelWithSecrets('kafka-secrets'));
  // A schedule carrying secrets, removed after its first execution.
  const schedule = await submit('json', { rows: '1', batches: '1', delay_between_executions_seconds: '3600', extraProperties: JSON.stringify({ KAFKA_SSL_KEY: SECRET.scheduleKey }) }, modelWithSecrets('scheduled-secrets'));
  // A stored model with secrets, then a command that runs it by name.
  const stored = modelWithSecrets('stored-secrets');
  stored.Table_Names.KAFKA_KEYSTORE_PASSWORD = SECRET.storedKeystore;
  stored.Options.SCHEMA_REGISTRY_URL = `https://reg:${SECRET.storedUrl}@registry.invalid:8081`;
  const add = new FormData();
  add.set('model_file', new Blob([JSON.stringify(stored)], { type: 'application/json' }), 'stored.json');
  t.is((await call('/model_store/add', ADMIN, { method: 'POST', body: add })).status, 200);
  // A stored model is its owner's until shared: the viewer reads it once granted, as the original's meta did.
  t.is((await call('/model_store/add/users?model=stored-secrets&user=eve', ADMIN, { method: 'POST' })).status, 200);
  const byName = await submit('json', { rows: '2', batches: '1', model: 'stored-secrets' });

  const outcomes = new Map<string, Awaited<ReturnType<typeof waitTerminal>>>();
  for (const uuid of [finished, hbase, encoded, kafka, byName]) outcomes.set(uuid, await waitTerminal(uuid));
  t.is(outcomes.get(finished)!.status, 'FINISHED');
  t.is(outcomes.get(byName)!.status, 'FINISHED', 'a stored model with secrets runs by name');
  for (const uuid of [hbase, encoded, kafka]) t.is(outcomes.get(uuid)!.status, 'FAILED', uuid);
  // The failure still says where: the address with its password replaced.
  t.true(outcomes.get(hbase)!.comment.includes(`http://hbuser:********@127.0.0.1:${closedPort}`), outcomes.get(hbase)!.comment);
  const execution = await firstExecution(schedule);
  outcomes.set(execution, await waitTerminal(execution));
  t.is((await call(`/command/removeScheduled?commandUuid=${schedule}`, ADMIN, { method: 'POST' })).status, 200);

  const readable: Array<[string, string]> = [];
  // A refused submission names the bad setting without quoting its credentials.
  const refused = new FormData();
  refused.set('extraProperties', JSON.stringify({ HBASE_REST_URL: `ftp://u:${SECRET.rejectedUrl}@h` }));
  refused.set('model_file', new Blob([JSON.stringify(modelWithSecrets('refused'))], { type: 'application/json' }), 'm.json');
  const rejection = await call('/datagen/hbase', ADMIN, { method: 'POST', body: refused });
  t.is(rejection.status, 400);
  t.regex(rejection.text, /HBASE_REST_URL/);
  readable.push(['a refused submission', rejection.text]);
  for (const [who, auth] of [['viewer', VIEWER], ['admin', ADMIN]] as const) {
    const read = async (path: string, method = 'GET') => {
      const res = await call(path, auth, { method });
      t.is(res.status, 200, `${who} ${path}: ${res.text}`);
      readable.push([`${who} ${method} ${path}`, res.text]);
    };
    for (const uuid of [...outcomes.keys(), schedule]) {
      for (const path of ['/command/get', '/command/getCommandStatus', '/command/history']) {
        await read(`${path}?commandUuid=${uuid}`);
        await read(`/api/v1${path}?commandUuid=${uuid}`, 'POST');
      }
      if (uuid !== schedule) await read(`/command/events?commandUuid=${uuid}`);
    }
    for (const path of ['/command/getAll', '/command/getByStatus?status=FAILED', '/command/getByStatus?status=FINISHED', '/command/getAllScheduled',
      '/model_store/list', '/model_store/get?model=stored-secrets', '/metrics', '/api/v1/metrics/all']) await read(path);
  }
  for (const [, sse] of outcomes) readable.push(['events followed to the end', sse.sse]);

  // The stored model is shown with its secrets replaced, to admins too.
  const shown = JSON.parse((await call('/model_store/get?model=stored-secrets', ADMIN)).text);
  t.is(shown.Table_Names.KAFKA_KEYSTORE_PASSWORD, '********');
  t.is(shown.Options.SCHEMA_REGISTRY_URL, 'https://reg:********@registry.invalid:8081');
  t.is(shown.Options.KAFKA_MSG_KEY, 'id', 'settings that are not secrets are shown');

  liveAbort.abort();
  readable.push(['live events of every command', await liveAll]);
  const nats = await natsStoredText();
  t.true(nats.streams.includes('DATAGEN_EVENTS') && nats.streams.includes('OBJ_datagen_models'), nats.streams.join(', '));
  readable.push(['NATS streams (events, work queue, models, names)', nats.text]);
  readable.push(['service log', svc.output()]);

  for (const [where, text] of readable) {
    for (const [name, value] of Object.entries(SECRET)) {
      const forms = [value, encodeURIComponent(value)];
      t.false(forms.some((f) => text.includes(f)), `${name} found in ${where}`);
    }
  }
  t.true(readable.length > 100);
});
