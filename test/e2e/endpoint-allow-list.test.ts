/**
 * No request makes the service connect where the operator did not allow (SSRF), through a real `datagen serve`:
 * every endpoint setting of every sink, from extraProperties and from the model, pointed at the service's own NATS,
 * cloud metadata or the LAN in hostile spellings, answers 400 naming the setting and the endpoint and queues
 * nothing; the configured endpoint and an allowed one are accepted; and a command recorded without the API's
 * check (as one recorded before it existed) is refused by the sink itself.
 */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort } from '../helpers/services/ports.js';
import { NatsEventLog } from '../../src/nats/event-log.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const SECRET = `acct-key-${randomUUID()}`;
const model = (tableNames: Record<string, string> = {}) =>
  JSON.stringify({ model_name: 'ssrf', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }], Table_Names: tableNames, Options: { KAFKA_MSG_KEY: 'id' } });

let nats: TestNats;
let svc: ServiceProcess;
let closed: number;
let allowedPort: number;
test.before(async () => {
  [closed, allowedPort] = [await freePort(), await freePort()];
  nats = await startTestNats();
  svc = await startServe({
    natsUrl: nats.url,
    env: { KAFKA_BROKERS: `127.0.0.1:${closed}`, DATAGEN_ALLOWED_ENDPOINTS: `*.allowed.invalid:*,127.0.0.1:${allowedPort}`, DATAGEN_WORKER_SLOTS: '1' },
  });
});
test.after.always(async () => {
  await svc?.stop();
  await nats?.destroy();
});

const commands = async () => (await getJson(svc.url, '/command/getAll')).body as Array<{ commandUuid: string }>;

test.serial('each endpoint setting pointing elsewhere is a 400 naming the setting and the endpoint, and nothing is queued', async (t) => {
  const natsPort = new URL(nats.url).port;
  const cases: Array<[service: string, extra: Record<string, string>, tableNames: Record<string, string>, field: string, endpoint: string]> = [
    ['kafka', { KAFKA_BROKERS: `127.0.0.1:${closed},127.1:${natsPort}` }, {}, 'KAFKA_BROKERS', `127.0.0.1:${natsPort}`],
    ['kafka', { SCHEMA_REGISTRY_URL: 'http://169.254.169.254/latest/meta-data' }, {}, 'SCHEMA_REGISTRY_URL', '169.254.169.254:80'],
    ['hbase', { HBASE_REST_URL: `http://[::ffff:127.0.0.1]:${natsPort}` }, {}, 'HBASE_REST_URL', `127.0.0.1:${natsPort}`],
    ['hdfs_csv', { HDFS_URL: `http://2130706433:${natsPort}` }, {}, 'HDFS_URL', `127.0.0.1:${natsPort}`],
    ['hdfs_json', { HDFS_URI: 'hdfs://Metadata.Google.Internal.:8020' }, {}, 'HDFS_URI', 'metadata.google.internal:9870'],
    ['s3_csv', { S3_ENDPOINT: `http://evil@0x7f.0.0.1:${natsPort}` }, { S3_BUCKET: 'bucket' }, 'S3_ENDPOINT', `127.0.0.1:${natsPort}`],
    ['ozone_csv', { OZONE_S3_ENDPOINT: `HTTP://LOCALHOST.:${natsPort}` }, { OZONE_BUCKET: 'bucket' }, 'OZONE_S3_ENDPOINT', `localhost:${natsPort}`],
    ['adls_csv', { ADLS_ENDPOINT: 'http://10.0.0.1:10000/acct' }, { ADLS_CONTAINER: 'box', ADLS_ACCOUNT_NAME: 'acct', ADLS_SAS_TOKEN: 'sv=x' }, 'ADLS_ENDPOINT', '10.0.0.1:10000'],
    ['adls_csv', { ADLS_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=a;AccountKey=${SECRET};BlobEndpoint=http://127.0.0.1:${natsPort}/a` }, { ADLS_CONTAINER: 'box' }, 'ADLS_CONNECTION_STRING', `127.0.0.1:${natsPort}`],
    ['adls_json', {}, { ADLS_CONTAINER: 'box', ADLS_CONNECTION_STRING: `BlobEndpoint=http://192.168.0.1/;SharedAccessSignature=${SECRET}` }, 'Table_Names.ADLS_CONNECTION_STRING', '192.168.0.1:80'],
    ['gcs_csv', { GCS_ENDPOINT: `http://127.1:${natsPort}` }, { GCS_BUCKET: 'bucket' }, 'GCS_ENDPOINT', `127.0.0.1:${natsPort}`],
    ['kafka', { KAFKA_BROKERS: `broker.allowed.invalid.evil.example:9092` }, {}, 'KAFKA_BROKERS', 'broker.allowed.invalid.evil.example:9092'],
  ];
  for (const [service, extra, tableNames, field, endpoint] of cases) {
    const res = await submit(svc.url, service, { rows: 1, batches: 1, extraProperties: JSON.stringify(extra) }, { text: model(tableNames) });
    t.is(res.status, 400, `${service} ${field}: ${JSON.stringify(res.body)}`);
    t.true(res.body.error.startsWith(`${field} names endpoint ${endpoint}, which this service may not connect to`), res.body.error);
    t.regex(res.body.error, /DATAGEN_ALLOWED_ENDPOINTS/);
    t.false(JSON.stringify(res.body).includes(SECRET), 'no secret in the answer');
  }
  // A key file other than the configured one (there is none here) is refused before anything reads it.
  const key = await submit(svc.url, 'gcs_csv', { rows: 1, batches: 1 }, { text: model({ GCS_BUCKET: 'bucket', GCS_ACCOUNT_KEY_PATH: '/etc/passwd.json' }) });
  t.is(key.status, 400);
  t.regex(key.body.error, /^Table_Names\.GCS_ACCOUNT_KEY_PATH names a file this service may not read/);
  // A schedule is checked as a command is.
  const schedule = await submit(svc.url, 'kafka', { rows: 1, batches: 1, delay_between_executions_seconds: 60, extraProperties: JSON.stringify({ KAFKA_BROKERS: '169.254.169.254:80' }) }, { text: model() });
  t.is(schedule.status, 400);
  t.regex(schedule.body.error, /^KAFKA_BROKERS names endpoint 169\.254\.169\.254:80/);
  t.deepEqual(await commands(), [], 'nothing was queued');
});

test.serial('the configured endpoint, in another spelling, and allowed ones are accepted', async (t) => {
  const accepted = [
    await submit(svc.url, 'kafka', { rows: 1, batches: 1 }, { text: model() }),
    await submit(svc.url, 'kafka', { rows: 1, batches: 1, extraProperties: JSON.stringify({ KAFKA_BROKERS: `PLAINTEXT://2130706433:${closed}` }) }, { text: model() }),
    await submit(svc.url, 'kafka', { rows: 1, batches: 1, extraProperties: JSON.stringify({ KAFKA_BROKERS: 'Broker.Allowed.Invalid:9092' }) }, { text: model() }),
    await submit(svc.url, 's3_csv', { rows: 1, batches: 1, extraProperties: JSON.stringify({ S3_ENDPOINT: `http://127.0.0.1:${allowedPort}` }) }, { text: model({ S3_BUCKET: 'bucket' }) }),
  ];
  for (const res of accepted) t.is(res.status, 200, JSON.stringify(res.body));
  // Nothing listens at either: each fails on connecting, not on the check, which the sink repeats with the same policy.
  for (const res of accepted.filter((_, i) => i !== 2)) {
    const status = await waitForTerminal(svc.url, res.body.commandUuid, 180_000);
    t.is(status.status, 'FAILED');
    t.notRegex(status.comment, /may not connect/, status.comment);
  }
});

test.serial('a command recorded without the API check is refused by the sink before it connects', async (t) => {
  const ok = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model() });
  t.is(ok.status, 200);
  const { modelHash } = (await getJson(svc.url, `/command/get?commandUuid=${ok.body.commandUuid}`)).body;
  const uuid = randomUUID();
  const nc = await connect({ servers: nats.url });
  try {
    await new NatsEventLog(jetstream(nc)).append(uuid, 'queued', {
      service: 'kafka', rows: 1, batches: 1, threads: 1, seed: 1, model: { name: 'ssrf', hash: modelHash }, owner: 'old', shardRows: 0,
      properties: { KAFKA_BROKERS: `127.0.0.1:${new URL(nats.url).port}` },
    });
  } finally {
    await nc.close();
  }
  const status = await waitForTerminal(svc.url, uuid, 60_000);
  t.is(status.status, 'FAILED');
  t.regex(status.comment, new RegExp(`KAFKA_BROKERS names endpoint 127\\.0\\.0\\.1:${new URL(nats.url).port}, which this service may not connect to`));
});
