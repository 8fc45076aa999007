/** The Kafka sink's schema registry settings (pure): URL without credentials, basic auth from three spellings, CA file. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { schemaRegistrySettings } from '../../../src/sinks/kafka/registry-settings.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const ctx = (properties: Record<string, string>) => sinkCtx(customerModel('customer'), { KAFKA_BROKERS: 'k:9092', ...properties }, 1, 1, 'uuid');
const basic = (userInfo: string) => `Basic ${Buffer.from(userInfo).toString('base64')}`;

test('no SCHEMA_REGISTRY_URL: no registry', (t) => {
  t.is(schemaRegistrySettings(ctx({})), undefined);
  t.is(schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: '  ' })), undefined);
});

test('the URL loses its trailing slashes; without credentials no Authorization', (t) => {
  t.deepEqual(schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: 'http://registry:8081/prefix//' })), { url: 'http://registry:8081/prefix', display: 'http://registry:8081/prefix', name: 'schema registry http://registry:8081/prefix' });
});

test('user-info in the URL is basic auth (percent-decoded) and is taken out of the URL', (t) => {
  const s = schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: 'https://reg:p%40ss@registry:8081' }))!;
  t.is(s.url, 'https://registry:8081');
  t.is(s.display, 'https://registry:8081');
  t.is(s.authorization, basic('reg:p@ss'));
});

test('SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, then USERNAME + PASSWORD, take precedence over the URL', (t) => {
  const url = 'https://a:b@registry';
  t.is(schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: url, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'x:y:z' }))!.authorization, basic('x:y:z'));
  t.is(schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: url, SCHEMA_REGISTRY_USERNAME: 'u', SCHEMA_REGISTRY_PASSWORD: ' pw' }))!.authorization, basic('u: pw'));
});

test('SCHEMA_REGISTRY_SSL_CA_LOCATION is kept as the CA file', (t) => {
  t.is(schemaRegistrySettings(ctx({ SCHEMA_REGISTRY_URL: 'https://registry', SCHEMA_REGISTRY_SSL_CA_LOCATION: '/etc/ca.pem' }))!.caFile, '/etc/ca.pem');
});

const refused: [string, Record<string, string>, string, RegExp][] = [
  ['a URL that does not parse', { SCHEMA_REGISTRY_URL: 'registry:8081 x' }, 'SCHEMA_REGISTRY_URL', /must be an http\(s\) URL/],
  ['another scheme', { SCHEMA_REGISTRY_URL: 'ftp://registry' }, 'SCHEMA_REGISTRY_URL', /got scheme ftp:/],
  ['user info without a colon', { SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO: 'secretonly' }, 'SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO', /must be user:password/],
  ['a user without password', { SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_USERNAME: 'u' }, 'SCHEMA_REGISTRY_PASSWORD', /SCHEMA_REGISTRY_PASSWORD is not set/],
  ['a password without user', { SCHEMA_REGISTRY_URL: 'http://r', SCHEMA_REGISTRY_PASSWORD: 'pw' }, 'SCHEMA_REGISTRY_USERNAME', /SCHEMA_REGISTRY_USERNAME is not set/],
];
for (const [what, properties, field, message] of refused) {
  test(`${what} is a 400 naming ${field}, never the secret`, (t) => {
    const err = t.throws(() => schemaRegistrySettings(ctx(properties)), { instanceOf: BadRequestError, message });
    t.is((err as BadRequestError).details?.field, field);
    t.false(err!.message.includes('secretonly') || err!.message.includes('pw'), 'no secret in the message');
  });
}
