/** A sink that cannot be reached makes the command FAILED with a comment naming the sink and its address, never a password: every streaming, table and index sink. */
import test from 'ava';
import { freePort } from '../helpers/services/ports.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = JSON.stringify({
  model_name: 'unreachable',
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'name', type: 'STRING', length: 6 }],
  Options: { HBASE_PRIMARY_KEY: 'id', KAFKA_MSG_KEY: 'id', HIVE_ON_HDFS: 'false' },
});

/** In the SQL URLs: an unreachable database's error must never show it. */
const PASSWORD = 'never-shown-pw-1';

let svc: ServiceProcess;
let closedPort: number;
/** Another closed port, which commands may name because the operator allows it. */
let other: number;
test.before(async () => {
  closedPort = await freePort(); // nothing listens there
  other = await freePort();
  svc = await startServe({
    env: {
      KAFKA_BROKERS: `127.0.0.1:${closedPort}`,
      HBASE_REST_URL: `http://127.0.0.1:${closedPort}`,
      SOLR_URL: `http://127.0.0.1:${closedPort}/solr`,
      HIVE_URL: `hive2://127.0.0.1:${closedPort}`,
      POSTGRESQL_URL: `postgresql://datagen:${PASSWORD}@127.0.0.1:${closedPort}/postgres`,
      MYSQL_URL: `mysql://datagen:${PASSWORD}@127.0.0.1:${closedPort}/datagen`,
      KUDU_MASTERS: `127.0.0.1:${closedPort}`,
      DATAGEN_ALLOWED_ENDPOINTS: `127.0.0.1:${other}`,
    },
  });
});
test.after.always(async () => {
  await svc?.stop();
});

const SINKS = [
  ['kafka', () => `127.0.0.1:${closedPort}`],
  ['hbase', () => `http://127.0.0.1:${closedPort}`],
  ['solr', () => `127.0.0.1:${closedPort}`],
  ['hive', () => `127.0.0.1:${closedPort}`],
  ['postgresql', () => `127.0.0.1:${closedPort}`],
  ['mysql', () => `127.0.0.1:${closedPort}`],
  ['kudu', () => `127.0.0.1:${closedPort}`],
] as const;

for (const [service, address] of SINKS) {
  test.serial(`${service}: an unreachable server fails the command, naming the sink and its address, never FINISHED`, async (t) => {
    const res = await submit(svc.url, service, { rows: 10, batches: 2 }, { text: MODEL });
    t.is(res.status, 200, JSON.stringify(res.body));
    const status = await waitForTerminal(svc.url, res.body.commandUuid, 180_000);
    t.is(status.status, 'FAILED');
    t.true(status.comment.includes(service), status.comment);
    t.true(status.comment.includes(address()), status.comment);
    t.false(status.comment.includes(PASSWORD), 'no password in the comment');
    const history = (await getJson(svc.url, `/command/history?commandUuid=${res.body.commandUuid}`)).body.events;
    t.false(history.some((e: any) => e.type === 'finished'));
  });
}

test.serial('the broker address can be given per command through extraProperties', async (t) => {
  const res = await submit(svc.url, 'kafka', { rows: 1, batches: 1, extraProperties: JSON.stringify({ KAFKA_BROKERS: `127.0.0.1:${other}` }) }, { text: MODEL });
  const status = await waitForTerminal(svc.url, res.body.commandUuid, 180_000);
  t.is(status.status, 'FAILED');
  t.true(status.comment.includes(`127.0.0.1:${other}`), status.comment);
});
