/**
 * The Kafka sink through TLS and SASL, against one real broker for the whole file (kafka-secure: SASL_PLAINTEXT,
 * SASL_SSL and SSL with client certificates, certificates made at start): a `datagen serve` whose environment is
 * what `npm run services -- start kafka-secure` prints (SASL_SSL, SCRAM-SHA-512, PKCS12 truststore) plus the
 * client keystore, commands that pick another mechanism or listener through extraProperties, both clients, and
 * the sink run in process for the stores a command may not name (JKS, PEM). Records are counted through the
 * broker's PLAINTEXT listener. Every password is looked for, and must be absent, in answers, history and log.
 */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { customerModel as fixtureModel, sinkCtx } from '../helpers/services/fixtures.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { topicRecordCount } from '../helpers/services/kafka-read.js';
import { SASL_USERS, startSecureKafka, type SaslMechanism, type SecureKafkaService } from '../helpers/services/kafka-secure.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { runSinkCommand } from '../helpers/sink-command.js';

let kafka: SecureKafkaService | undefined;
let svc: ServiceProcess | undefined;
const commands: string[] = [];
const WRONG_PASSWORD = 'wrong-pw-5e77a1';

const missing = await javaUnavailableReason();
const kt = missing && process.env.CI !== 'true' ? test.serial.skip : test.serial;
if (missing && process.env.CI !== 'true') console.warn(`\n${'!'.repeat(100)}\nSKIPPING KAFKA SECURITY TESTS: ${missing}.\n${'!'.repeat(100)}\n`);

test.before('start the secure broker, then the service with its settings', async (t) => {
  if (missing && process.env.CI !== 'true') return;
  t.timeout(15 * 60_000, 'starting kafka-secure (first run resolves its jars with Maven)');
  if (missing) throw new Error(`cannot start kafka-secure: ${missing}`);
  kafka = await startSecureKafka();
  const certs = kafka.certificates;
  svc = await startServe({
    env: {
      ...kafka.env,
      KAFKA_KEYSTORE_LOCATION: certs.clientP12,
      KAFKA_KEYSTORE_PASSWORD: certs.storePassword,
      DATAGEN_ALLOWED_ENDPOINTS: `${kafka.saslPlaintext},${kafka.ssl}`,
    },
  });
});

test.after.always('stop the service and the broker', async (t) => {
  t.timeout(2 * 60_000);
  await svc?.stop();
  await kafka?.stop();
});

const broker = () => kafka!;
const service = () => svc!;

/** Submits 2 batches of 50 rows to a fresh topic with `extra` as extraProperties; the command's final status. */
async function run(name: string, extra: Record<string, string> = {}) {
  const topic = `sec_${name}_${Date.now()}`;
  const res = await submit(service().url, 'kafka', { rows: 50, batches: 2, threads: 1, extraProperties: JSON.stringify(extra) }, { text: await customerModel({ KAFKA_TOPIC: topic }) });
  if (res.status !== 200) throw new Error(`submission answered ${res.status}: ${JSON.stringify(res.body)}`);
  commands.push(res.body.commandUuid);
  return { topic, status: await waitForTerminal(service().url, res.body.commandUuid, 120_000) };
}

const sasl = (mechanism: SaslMechanism) => ({ KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: SASL_USERS[mechanism].username, KAFKA_SASL_PASSWORD: SASL_USERS[mechanism].password });

kt('SCRAM-SHA-512 over SASL_SSL, all from the service environment (PKCS12 truststore): every record arrives', async (t) => {
  const { topic, status } = await run('scram512');
  t.is(status.status, 'FINISHED', status.comment);
  t.is((await topicRecordCount(broker().brokers, topic)).records, 100);
});

for (const client of ['platformatic', 'kafkajs']) {
  kt(`SCRAM-SHA-256 over SASL_SSL given per command (${client})`, async (t) => {
    const { topic, status } = await run(`scram256_${client}`, { ...sasl('SCRAM-SHA-256'), KAFKA_CLIENT: client });
    t.is(status.status, 'FINISHED', status.comment);
    t.is((await topicRecordCount(broker().brokers, topic)).records, 100);
  });

  kt(`PLAIN over SASL_PLAINTEXT given per command (${client})`, async (t) => {
    const { topic, status } = await run(`plain_${client}`, { KAFKA_BROKERS: broker().saslPlaintext, KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT', ...sasl('PLAIN'), KAFKA_CLIENT: client });
    t.is(status.status, 'FINISHED', status.comment);
    t.is((await topicRecordCount(broker().brokers, topic)).records, 100);
  });

  kt(`a wrong SASL password FAILS the command naming the kafka sink and saying authentication failed (${client})`, async (t) => {
    const { status } = await run(`wrong_${client}`, { ...sasl('SCRAM-SHA-256'), KAFKA_SASL_PASSWORD: WRONG_PASSWORD, KAFKA_CLIENT: client });
    t.is(status.status, 'FAILED');
    t.regex(status.comment, new RegExp(`kafka ${broker().saslSsl.replace(/\./g, '\\.')} topic \\S+: .*authentication failed`, 'i'));
    t.false(JSON.stringify(status).includes(WRONG_PASSWORD));
  });
}

kt('mutual TLS: the SSL listener, which requires a client certificate, takes the PKCS12 keystore', async (t) => {
  const { topic, status } = await run('mtls', { KAFKA_BROKERS: broker().ssl, KAFKA_SECURITY_PROTOCOL: 'SSL' });
  t.is(status.status, 'FINISHED', status.comment);
  t.is((await topicRecordCount(broker().brokers, topic)).records, 100);
});

kt('Kerberos is a 400 saying the clients do not support it; a truststore the service does not name is a 400', async (t) => {
  const model = await customerModel({ KAFKA_TOPIC: 'sec_refused' });
  const gssapi = await submit(service().url, 'kafka', { rows: 1, batches: 1, extraProperties: JSON.stringify({ KAFKA_SASL_MECHANISM: 'GSSAPI' }) }, { text: model });
  t.is(gssapi.status, 400);
  t.regex(gssapi.body.error, /GSSAPI.*not supported.*pure JavaScript/);
  const kerberos = await submit(service().url, 'kafka', { rows: 1, batches: 1 }, { text: await customerModel({ KAFKA_TOPIC: 'sec_refused', KAFKA_USE_KERBEROS: 'true' }) });
  t.is(kerberos.status, 400);
  t.regex(kerberos.body.error, /KAFKA_USE_KERBEROS.*Kerberos \(GSSAPI\) is not supported/);
  const jks = await submit(service().url, 'kafka', { rows: 1, batches: 1 }, { text: await customerModel({ KAFKA_TOPIC: 'sec_refused', KAFKA_TRUSTSTORE_LOCATION: broker().certificates.truststoreJks }) });
  t.is(jks.status, 400);
  t.regex(jks.body.error, /KAFKA_TRUSTSTORE_LOCATION names a file this service may not read/);
});

/** The sink in process, its properties standing for the service's environment (so it may read the files they name). */
const secureCtx = (properties: Record<string, string>) =>
  sinkCtx(fixtureModel('customer', { KAFKA_TOPIC: `sec_inproc_${randomUUID().slice(0, 8)}` }, {}), properties, 20, 1, randomUUID());

kt('a JKS truststore is a 400 that says how to convert it with keytool; a wrong truststore password is a 400 without it', (t) => {
  const certs = broker().certificates;
  const base = { KAFKA_BROKERS: broker().saslSsl, ...sasl('SCRAM-SHA-256'), KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', KAFKA_TRUSTSTORE_PASSWORD: certs.storePassword };
  const jks = t.throws(() => sinkFor('kafka').validate(secureCtx({ ...base, KAFKA_TRUSTSTORE_LOCATION: certs.truststoreJks })));
  t.true(jks instanceof BadRequestError);
  t.regex(jks!.message, /KAFKA_TRUSTSTORE_LOCATION is a JKS keystore.*keytool -importkeystore -srckeystore \S+truststore\.jks -srcstoretype JKS -destkeystore \S+truststore\.p12 -deststoretype PKCS12/);
  const wrong = t.throws(() => sinkFor('kafka').validate(secureCtx({ ...base, KAFKA_TRUSTSTORE_LOCATION: certs.truststoreP12, KAFKA_TRUSTSTORE_PASSWORD: WRONG_PASSWORD })));
  t.regex(wrong!.message, /KAFKA_TRUSTSTORE_LOCATION cannot be opened with KAFKA_TRUSTSTORE_PASSWORD: the password is wrong/);
  t.false(wrong!.message.includes(WRONG_PASSWORD));
});

kt('a store missing at submission passes validate (a stored credential\'s file is written where the sink runs) and fails prepare and open naming the key', async (t) => {
  const missingStore = `${broker().certificates.truststoreP12}.absent`;
  const c = secureCtx({ KAFKA_BROKERS: broker().saslSsl, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', ...sasl('PLAIN'), KAFKA_TRUSTSTORE_LOCATION: missingStore });
  t.notThrows(() => sinkFor('kafka').validate(c));
  const prepare = await t.throwsAsync(sinkFor('kafka').prepare(c));
  t.regex(prepare!.message, /^kafka 127\.0\.0\.1:\d+ topic \S+: preparing the topic failed: KAFKA_TRUSTSTORE_LOCATION names a file that cannot be read \(ENOENT\)/);
  const open = await t.throwsAsync(sinkFor('kafka').open(c));
  t.regex(open!.message, /^kafka 127\.0\.0\.1:\d+ topic \S+: reading the TLS stores failed: KAFKA_TRUSTSTORE_LOCATION names a file that cannot be read/);
});

kt('PEM files: the CA as truststore over SASL_SSL, and a certificate-and-key PEM as keystore over mutual TLS', async (t) => {
  const certs = broker().certificates;
  const pemTrust = { KAFKA_TRUSTSTORE_LOCATION: certs.caPem };
  const overSasl = secureCtx({ KAFKA_BROKERS: broker().saslSsl, KAFKA_SECURITY_PROTOCOL: 'SASL_SSL', ...sasl('SCRAM-SHA-512'), ...pemTrust });
  t.is((await runSinkCommand(sinkFor('kafka'), overSasl, { batches: 1, rows: 20 })).length, 20);
  const mtls = secureCtx({ KAFKA_BROKERS: broker().ssl, KAFKA_SECURITY_PROTOCOL: 'SSL', ...pemTrust, KAFKA_KEYSTORE_LOCATION: certs.clientPem });
  await runSinkCommand(sinkFor('kafka'), mtls, { batches: 1, rows: 20 });
  t.is((await topicRecordCount(broker().brokers, mtls.model.tableNames.KAFKA_TOPIC!)).records, 20);
  // Without the client certificate the SSL listener refuses the connection: the keystore is what let it in.
  const noCert = secureCtx({ KAFKA_BROKERS: broker().ssl, KAFKA_SECURITY_PROTOCOL: 'SSL', ...pemTrust, KAFKA_RETRIES_CONFIG: '0' });
  const err = await t.throwsAsync(sinkFor('kafka').prepare(noCert));
  t.regex(err!.message, /^kafka 127\.0\.0\.1:\d+ topic \S+: preparing the topic failed/);
});

kt('no password appears in any answer, in the command history or in the service log', async (t) => {
  t.true(commands.length >= 7, `${commands.length} commands ran`);
  const passwords = [...Object.values(SASL_USERS).map((u) => u.password), broker().certificates.storePassword, WRONG_PASSWORD];
  const texts = [service().output()];
  for (const uuid of commands) {
    texts.push(JSON.stringify((await getJson(service().url, `/command/history?commandUuid=${uuid}`)).body));
    texts.push(JSON.stringify((await getJson(service().url, `/command/getCommandStatus?commandUuid=${uuid}`)).body));
  }
  texts.push(JSON.stringify((await getJson(service().url, '/command/getAll', 'GET')).body));
  for (const p of passwords) t.false(texts.some((x) => x.includes(p)), `a password (${p.slice(0, 4)}…) was found`);
  t.true(texts[1]!.includes('batch-completed'), 'the history was read');
});
