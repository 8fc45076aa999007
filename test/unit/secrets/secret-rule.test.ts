/** The secret rule: which setting names are secrets, URL user-info, splitting and scrubbing. */
import test from 'ava';
import { OPTION_KINDS } from '../../../src/model/model-keys.js';
import { HBASE_SECRET_KEYS } from '../../../src/sinks/hbase/secret-keys.js';
import { KAFKA_SECRET_KEYS } from '../../../src/sinks/kafka/secret-keys.js';
import { SINK_SECRET_KEYS } from '../../../src/sinks/secret-keys.js';
import { isSecretKey, REDACTED, redactUrlUserInfo, scrubSecrets, secretValuesOf, splitSecrets } from '../../../src/secrets.js';
import { redactDeep } from '../../../src/secrets/redact-deep.js';
import { rememberSecretValues, scrubKnownSecrets } from '../../../src/secrets/known-values.js';

const SECRET_NAMES = [
  // declared by the sinks
  'KAFKA_KEYSTORE_PASSWORD', 'KAFKA_KEYSTORE_KEY_PASSWORD', 'KAFKA_TRUSTSTORE_PASSWORD', 'KAFKA_KEYTAB', 'HBASE_KEYTAB',
  'S3_ACCESS_KEY_SECRET', 'S3_ACCESS_KEY_ID', 'ADLS_SAS_TOKEN', 'GCS_ACCOUNT_ACCESS_TOKEN', 'SOLR_TRUSTSTORE_PASSWORD',
  // names the previous pattern missed
  'KAFKA_SSL_KEY', 'ADLS_ACCOUNT_KEY', 'SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO', 'KAFKA_SASL_JAAS_CONFIG',
  // by the pattern only
  'MY_DB_PASSWORD', 'DBPASSWORD', 'SMTP_PASSWD', 'VAULT_TOKEN', 'STRIPE_API_KEY', 'OPENAI_APIKEY', 'SIGNING_KEY', 'KEY',
  'AZURE_STORAGE_SAS', 'AWS_CREDENTIALS', 'SERVICE_PRIVATE_PEM', 'HTTP_AUTH', 'SOME_JAAS_FILE', 'ENCRYPTION_KEYS',
  'AZURE_STORAGE_CONNECTION_STRING', 'GITHUB_USERINFO', 'password', 'clientSecret', 'accessToken', 'api-key',
];

const PLAIN_NAMES = [
  'KAFKA_MSG_KEY', 'HBASE_PRIMARY_KEY', 'HBASE_PRIMARY_KEY_SEPARATOR', 'KUDU_PRIMARY_KEYS', 'KUDU_HASH_KEYS', 'KUDU_RANGE_KEYS',
  'S3_KEY_NAME', 'OZONE_KEY_NAME', 'KAFKA_BROKERS', 'HBASE_REST_URL', 'SCHEMA_REGISTRY_URL', 'KAFKA_TOPIC', 'KAFKA_USER',
  'KAFKA_KEYSTORE_LOCATION', 'KAFKA_TRUSTSTORE_LOCATION', 'LOCAL_FILE_PATH', 'LOCAL_FILE_NAME', 'DELETE_PREVIOUS',
  'KAFKA_SASL_MECHANISM', 'MONKEY', 'KEYBOARD', 'max_tokens', 'url', 'user', 'HBASE_USE_KERBEROS', 'ADLS_ACCOUNT_NAME',
];

test('secret names: declared by a sink or matched by the pattern', (t) => {
  for (const k of SECRET_NAMES) t.true(isSecretKey(k), k);
});

test('names with a secret-looking word part whose values are column or object names are not secrets', (t) => {
  for (const k of PLAIN_NAMES) t.false(isSecretKey(k), k);
  // Every option naming columns (KAFKA_MSG_KEY, HBASE_PRIMARY_KEY, KUDU_*_KEYS) is among them.
  for (const [k, kind] of Object.entries(OPTION_KINDS)) if (kind === 'columns') t.false(isSecretKey(k), k);
});

test('every sink-declared key is in the collected list and is a secret', (t) => {
  for (const k of [...KAFKA_SECRET_KEYS, ...HBASE_SECRET_KEYS]) {
    t.true(SINK_SECRET_KEYS.has(k), k);
    t.true(isSecretKey(k), k);
  }
});

test('URL user-info: the password (or a lone token user) is replaced, the rest of the URL kept', (t) => {
  t.is(redactUrlUserInfo('http://user:pa55@host:8080/x'), `http://user:${REDACTED}@host:8080/x`);
  t.is(redactUrlUserInfo('https://tok3n@github.com/a'), `https://${REDACTED}@github.com/a`);
  t.is(redactUrlUserInfo('hbase http://u:p@ss@h:1 table t: failed'), `hbase http://u:${REDACTED}@h:1 table t: failed`, 'the user-info ends at the last @');
  t.is(redactUrlUserInfo('a,sasl://u:x1@b1:9093,sasl://u:x2@b2:9093'), `a,sasl://u:${REDACTED}@b1:9093,sasl://u:${REDACTED}@b2:9093`);
  t.is(redactUrlUserInfo('{"url":"http://u:s3@h"}'), `{"url":"http://u:${REDACTED}@h"}`, 'inside JSON text');
  t.is(redactUrlUserInfo('mail me at someone@example.com or http://host/a@b'), 'mail me at someone@example.com or http://host/a@b');
  t.deepEqual(secretValuesOf({ HBASE_REST_URL: 'http://user:p%40ss@h' }), ['p%40ss', 'p@ss']);
});

test('splitSecrets keeps secret keys out of what is recorded and records URLs with the password replaced', (t) => {
  const { plain, secret } = splitSecrets({
    KAFKA_BROKERS: 'b:9092', KAFKA_SSL_KEY: 'k-e-y', HBASE_REST_URL: 'http://u:pw1@h:8080', KAFKA_MSG_KEY: 'id',
  });
  t.deepEqual(plain, { KAFKA_BROKERS: 'b:9092', HBASE_REST_URL: `http://u:${REDACTED}@h:8080`, KAFKA_MSG_KEY: 'id' });
  t.deepEqual(secret, { KAFKA_SSL_KEY: 'k-e-y', HBASE_REST_URL: 'http://u:pw1@h:8080' });
  t.deepEqual({ ...plain, ...secret }.HBASE_REST_URL, 'http://u:pw1@h:8080', 'merging gives the settings back');
});

test('scrubSecrets removes secret values and URL passwords from an error text', (t) => {
  const values = secretValuesOf({ SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'reg:regpass', KAFKA_BROKERS: 'b:1' }, { X_URL: 'http://a:urlpass@h' });
  const text = 'auth reg:regpass failed (regpass), then http://a:urlpass@h refused; urlpass again';
  const out = scrubSecrets(text, values);
  for (const s of ['regpass', 'urlpass']) t.false(out.includes(s), out);
  t.true(out.includes('http://a:********@h'));
});

test('redactDeep replaces secret keys at any depth and URL credentials in strings', (t) => {
  const out = redactDeep({ properties: { KAFKA_SSL_KEY: 'x1x', KAFKA_BROKERS: 'b' }, nested: [{ token: 'abc' }], error: 'at http://u:zz9@h' });
  t.deepEqual(out, { properties: { KAFKA_SSL_KEY: REDACTED, KAFKA_BROKERS: 'b' }, nested: [{ token: REDACTED }], error: `at http://u:${REDACTED}@h` });
});

test('known secret values are scrubbed from log lines, also JSON-escaped', (t) => {
  rememberSecretValues(['s3cr"et-value', 'plain-secret']);
  const line = JSON.stringify({ msg: 'driver said s3cr"et-value and plain-secret' });
  const out = scrubKnownSecrets(line);
  t.false(out.includes('plain-secret'));
  t.false(out.includes('s3cr\\"et-value'));
  t.notThrows(() => JSON.parse(out));
});
