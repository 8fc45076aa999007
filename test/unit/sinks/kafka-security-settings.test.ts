/** The Kafka sink's security settings (pure): protocol, SASL, which stores are read, Kerberos refused; store formats by their bytes. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { kafkaSecuritySettings } from '../../../src/sinks/kafka/security-settings.js';
import { storeFormat } from '../../../src/sinks/kafka/tls-material.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const ctx = (properties: Record<string, string>, tableNames: Record<string, string> = {}) =>
  sinkCtx(customerModel('customer', tableNames), { KAFKA_BROKERS: 'k:9093', ...properties }, 1, 1, 'uuid');
const SCRAM = { KAFKA_SECURITY_PROTOCOL: 'sasl_ssl', KAFKA_SASL_MECHANISM: 'scram-sha-256', KAFKA_SASL_USERNAME: 'u', KAFKA_SASL_PASSWORD: ' p w ' };

test('PLAINTEXT by default: no SASL, no stores read even when the model names them', (t) => {
  t.deepEqual(kafkaSecuritySettings(ctx({}, { KAFKA_TRUSTSTORE_LOCATION: '/t.p12' })), { protocol: 'PLAINTEXT' });
});

test('SASL_SSL: mechanism upper-cased, the password as given, stores from the model first then the properties', (t) => {
  const s = kafkaSecuritySettings(ctx({ ...SCRAM, KAFKA_TRUSTSTORE_LOCATION: '/env.p12', KAFKA_TRUSTSTORE_PASSWORD: 'tp', KAFKA_KEYSTORE_LOCATION: '/k.pem' }, { KAFKA_TRUSTSTORE_LOCATION: '/model.p12', KAFKA_KEYSTORE_KEY_PASSWORD: 'kp' }));
  t.deepEqual(s, {
    protocol: 'SASL_SSL',
    sasl: { mechanism: 'SCRAM-SHA-256', username: 'u', password: ' p w ' },
    truststore: { key: 'KAFKA_TRUSTSTORE_LOCATION', path: '/model.p12', password: 'tp' },
    keystore: { key: 'KAFKA_KEYSTORE_LOCATION', path: '/k.pem', password: undefined, keyPassword: 'kp' },
  });
});

test('SASL keys are ignored for SSL and PLAINTEXT, as the Java client ignores them', (t) => {
  t.deepEqual(kafkaSecuritySettings(ctx({ ...SCRAM, KAFKA_SECURITY_PROTOCOL: 'SSL' })), { protocol: 'SSL' });
});

const refused: [string, Record<string, string>, Record<string, string>, RegExp][] = [
  ['an unknown protocol', { KAFKA_SECURITY_PROTOCOL: 'TLS' }, {}, /KAFKA_SECURITY_PROTOCOL must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL, got "TLS"/],
  ['SASL without a mechanism', { KAFKA_SECURITY_PROTOCOL: 'SASL_PLAINTEXT' }, {}, /SASL_PLAINTEXT needs KAFKA_SASL_MECHANISM \(PLAIN, SCRAM-SHA-256, SCRAM-SHA-512\)/],
  ['an unknown mechanism', { ...SCRAM, KAFKA_SASL_MECHANISM: 'OAUTHBEARER' }, {}, /KAFKA_SASL_MECHANISM must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, got "OAUTHBEARER"/],
  ['GSSAPI', { ...SCRAM, KAFKA_SASL_MECHANISM: 'GSSAPI' }, {}, /GSSAPI: Kerberos \(GSSAPI\) is not supported: the Kafka clients this service uses are pure JavaScript/],
  ['KAFKA_USE_KERBEROS', {}, { KAFKA_USE_KERBEROS: 'true' }, /Table_Names\.KAFKA_USE_KERBEROS=true: Kerberos \(GSSAPI\) is not supported/],
  ['SASL without a password', { ...SCRAM, KAFKA_SASL_PASSWORD: '' }, {}, /SCRAM-SHA-256 needs KAFKA_SASL_PASSWORD/],
  ['SASL without a user', { ...SCRAM, KAFKA_SASL_USERNAME: ' ' }, {}, /SCRAM-SHA-256 needs KAFKA_SASL_USERNAME/],
];
for (const [what, properties, tableNames, message] of refused) {
  test(`${what} is a 400 saying so`, (t) => {
    const err = t.throws(() => kafkaSecuritySettings(ctx(properties, tableNames)));
    t.true(err instanceof BadRequestError);
    t.regex(err!.message, message);
  });
}

test('store formats are told by their first bytes', (t) => {
  t.is(storeFormat(Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2])), 'jks');
  t.is(storeFormat(Buffer.from([0xce, 0xce, 0xce, 0xce, 0, 0, 0, 2])), 'jceks');
  t.is(storeFormat(Buffer.from('\n-----BEGIN CERTIFICATE-----\nMII...')), 'pem');
  t.is(storeFormat(Buffer.from([0x30, 0x82, 0x0a, 0x1b])), 'pkcs12');
  t.is(storeFormat(Buffer.from('keystore')), 'unknown');
});
