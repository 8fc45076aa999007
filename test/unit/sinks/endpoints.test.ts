/** Endpoint settings: how each kind is read into host:port, the operator's allow-list, and the check on a command's settings. */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { loadConfig } from '../../../src/config.js';
import { sinkContext, sinkSettings } from '../../../src/sinks/context.js';
import { endpointAllowed, endpointPattern, endpointPatterns } from '../../../src/sinks/endpoints/allow-list.js';
import { assertEndpointsAllowed } from '../../../src/sinks/endpoints/check.js';
import { ENDPOINT_SETTINGS } from '../../../src/sinks/endpoints/declared.js';
import type { EndpointKind, EndpointSetting } from '../../../src/sinks/endpoints/endpoint-setting.js';
import { endpointsOf, formatEndpoint } from '../../../src/sinks/endpoints/parse-endpoints.js';
import { endpointPolicy } from '../../../src/sinks/endpoints/policy.js';
import { sinkFor } from '../../../src/sinks/registry.js';
import { USER_SETTINGS } from '../../../src/sinks/user-settings.js';
import type { ModelDefinition } from '../../../src/model/types.js';

const read = (kind: Exclude<EndpointKind, 'file'>, value: string) => endpointsOf(kind, value, 'KEY').map(formatEndpoint);

test('every spelling of loopback that a URL parser (and the resolver) accepts reads as 127.0.0.1', (t) => {
  for (const url of [
    'http://127.0.0.1:4222', 'http://2130706433:4222', 'http://0x7f.0.0.1:4222', 'http://0177.0.0.1:4222', 'http://0x7f000001:4222',
    'http://127.1:4222', 'http://[::ffff:127.0.0.1]:4222', 'http://[0:0:0:0:0:ffff:7f00:1]:4222', 'http://evil@127.0.0.1:4222',
    'http://user:pw@127.0.0.1:4222/path?q#h', 'HTTP://127.0.0.1:4222', 'http://127.0.0.1.:4222', 'http://%31%32%37.0.0.1:4222',
  ]) {
    t.deepEqual(read('url', url), ['127.0.0.1:4222'], url);
  }
});

test('names are lower-cased without trailing dots, IPv6 stays in brackets, ports default by scheme', (t) => {
  t.deepEqual(read('url', 'HTTPS://Store.Example.COM./bucket'), ['store.example.com:443']);
  t.deepEqual(read('url', 'http://store.example.com'), ['store.example.com:80']);
  t.deepEqual(read('url', 'http://store.example.com:80'), ['store.example.com:80']);
  t.deepEqual(read('url', 'https://[::1]:9000'), ['[::1]:9000']);
  t.deepEqual(read('url', 'https://[0:0::1]'), ['[::1]:443']);
  t.deepEqual(read('url', 'http://169.254.169.254/latest/meta-data'), ['169.254.169.254:80']);
});

test('lists: HDFS_URL namenodes, Kafka brokers with and without scheme and user-info', (t) => {
  t.deepEqual(read('url-list', 'http://nn1:9870, http://NN2:9870/'), ['nn1:9870', 'nn2:9870']);
  t.deepEqual(read('host-list', 'b1:9092,B2.example:9093 , [::1]:9094'), ['b1:9092', 'b2.example:9093', '[::1]:9094']);
  t.deepEqual(read('host-list', 'SASL_SSL://user:pw@0x7f.1:9092,PLAINTEXT://b:9092/'), ['127.0.0.1:9092', 'b:9092']);
});

test('namenode URIs: hdfs:// reaches the namenode HTTP port whatever its RPC port, webhdfs:// its own or 9870', (t) => {
  t.deepEqual(read('namenode-uri', 'hdfs://NN:8020'), ['nn:9870']);
  t.deepEqual(read('namenode-uri', 'webhdfs://2130706433'), ['127.0.0.1:9870']);
  t.deepEqual(read('namenode-uri', 'swebhdfs://nn:50470'), ['nn:50470']);
  t.deepEqual(read('namenode-uri', 'http://nn:9870'), ['nn:9870']);
});

test('Azure connection strings: BlobEndpoint, a custom EndpointSuffix, the emulator and its proxy; the public cloud names none', (t) => {
  t.deepEqual(read('azure-connection-string', 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=k==;BlobEndpoint=http://127.1:10000/a;'), ['127.0.0.1:10000']);
  t.deepEqual(read('azure-connection-string', 'BlobEndpoint=https://evil.example/;SharedAccessSignature=sv=1&sig=x'), ['evil.example:443']);
  t.deepEqual(read('azure-connection-string', 'DefaultEndpointsProtocol=http;AccountName=acct;AccountKey=k;EndpointSuffix=internal.lan'), ['acct.blob.internal.lan:80']);
  t.deepEqual(read('azure-connection-string', 'UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://proxy:3128'), ['127.0.0.1:10000', 'proxy:3128']);
  t.deepEqual(read('azure-connection-string', 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=k;EndpointSuffix=core.windows.net'), []);
});

test('a value that does not read as its kind is a 400 naming the key, never quoting the value', (t) => {
  const secret = 'hunterSecretValue';
  for (const [kind, value] of [
    ['url', `ftp://u:${secret}@h`], ['url', `not a url ${secret}`], ['url', 'http://'], ['url-list', ' , '],
    ['host-list', 'b1:9092,b2'], ['host-list', `u:${secret}@b1`], ['host-list', 'b1:99999'], ['host-list', 'b1:9092,http://b2'],
    ['namenode-uri', 'file:///etc/passwd'], ['azure-connection-string', `AccountName=a;Foo=${secret}`], ['azure-connection-string', `AccountName=a;${secret}`],
    ['azure-connection-string', 'BlobEndpoint=http://a;BlobEndpoint=http://b'], ['azure-connection-string', `blobendpoint=http://evil;SharedAccessSignature=${secret}`],
  ] as Array<[Exclude<EndpointKind, 'file'>, string]>) {
    const err = t.throws(() => endpointsOf(kind, value, 'THE_KEY'), { instanceOf: BadRequestError }, `${kind} ${value}`);
    t.true(err!.message.startsWith('THE_KEY'), err!.message);
    t.false(err!.message.includes(secret), err!.message);
    t.is((err as BadRequestError).details?.field, 'THE_KEY');
  }
});

test('allow-list patterns are normalised as endpoints are, and a bad one is a configuration error', (t) => {
  t.deepEqual(endpointPatterns(' LOCALHOST.:9092, 127.1:4222 ,*.Example.com:*, [::ffff:10.0.0.1]:80, h:* '), ['localhost:9092', '127.0.0.1:4222', '*.example.com:*', '10.0.0.1:80', 'h:*']);
  t.deepEqual(endpointPatterns(undefined), []);
  t.is(endpointPattern('*'), '*');
  for (const bad of ['h', 'h:', ':80', 'h:0', 'h:70000', '*:80', 'a b:80', 'u@h:80', 'http://h:80']) t.throws(() => endpointPattern(bad), undefined, bad);
  t.throws(() => loadConfig({ DATAGEN_ALLOWED_ENDPOINTS: 'kafka' }), { message: /DATAGEN_ALLOWED_ENDPOINTS: "kafka" must be host:port/ });
  t.deepEqual(loadConfig({ DATAGEN_ALLOWED_ENDPOINTS: 'Kafka:9092' }).allowedEndpoints, ['kafka:9092']);
});

test('matching: exact host and port, any port, names below a domain (not the domain), anything', (t) => {
  const at = (host: string, port: number) => ({ host, port });
  t.true(endpointAllowed(at('kafka', 9092), ['kafka:9092']));
  t.false(endpointAllowed(at('kafka', 9093), ['kafka:9092']));
  t.true(endpointAllowed(at('kafka', 9093), ['kafka:*']));
  t.true(endpointAllowed(at('a.b.example.com', 443), ['*.example.com:443']));
  t.false(endpointAllowed(at('example.com', 443), ['*.example.com:443']));
  t.false(endpointAllowed(at('evilexample.com', 443), ['*.example.com:443']));
  t.false(endpointAllowed(at('a.example.com', 80), ['*.example.com:443']));
  t.true(endpointAllowed(at('169.254.169.254', 80), ['*']));
  t.false(endpointAllowed(at('169.254.169.254', 80), []));
});

test('the default policy is exactly what the configuration names, for every declared key', (t) => {
  const policy = endpointPolicy({
    KAFKA_BROKERS: 'Kafka-1:9092,kafka-2:9092', SCHEMA_REGISTRY_URL: 'http://u:pw@registry:8081', HBASE_REST_URL: 'http://hbase:8080',
    HDFS_URI: 'hdfs://nn:8020', S3_ENDPOINT: 'http://s3:9000', OZONE_S3_ENDPOINT: 'http://s3g:9878', ADLS_ENDPOINT: 'http://127.0.0.1:10000/acct',
    ADLS_CONNECTION_STRING: 'BlobEndpoint=http://azurite:10000/a;SharedAccessSignature=x', GCS_ENDPOINT: 'http://gcs:4443',
    GCS_ACCOUNT_KEY_PATH: '/etc/keys/../keys/gcs.json', KAFKA_TOPIC: 'not-an-endpoint', HDFS_URL: 'not a url',
  }, ['extra:1']);
  t.deepEqual(new Set(policy.allow), new Set([
    'extra:1', 'kafka-1:9092', 'kafka-2:9092', 'registry:8081', 'hbase:8080', 'nn:9870', 's3:9000', 's3g:9878', '127.0.0.1:10000', 'azurite:10000', 'gcs:4443',
  ]));
  t.deepEqual(policy.files, ['/etc/keys/gcs.json']);
});

test('every declared endpoint setting is a setting a command may give, so none is left unchecked', (t) => {
  for (const s of ENDPOINT_SETTINGS) t.true(USER_SETTINGS.includes(s.key), s.key);
});

/** Path settings of the original's models that no code here reads (docs/security.md says so). */
const NEVER_READ = [
  'ADLS_LOCAL_FILE_PATH', 'GCS_LOCAL_FILE_PATH', 'OZONE_LOCAL_FILE_PATH', 'S3_LOCAL_FILE_PATH',
  'KAFKA_JAAS_FILE_PATH', 'SOLR_JAAS_FILE_PATH', 'SOLR_KEYSTORE_LOCATION', 'SOLR_TRUSTSTORE_LOCATION',
];
/**
 * Paths confined elsewhere: outputs under the output roots (src/sinks/files/paths.ts), and a directory inside HDFS;
 * HIVE_HDFS_FILE_PATH is one or the other (src/sinks/hive/files.ts).
 */
const CONFINED = ['LOCAL_FILE_PATH', 'HDFS_FILE_PATH', 'HIVE_HDFS_FILE_PATH'];

test('a setting a command may give that is named like an address or a path is declared, confined, or never read', async (t) => {
  const declared = new Set(ENDPOINT_SETTINGS.map((s) => s.key));
  for (const key of USER_SETTINGS) {
    if (/(URL|URI|ENDPOINT|BROKERS|CONNECTION_STRING|HOSTS?|SERVERS?|ADDRESS)$/.test(key)) t.true(declared.has(key), `${key} names an address: declare it`);
    if (/(PATH|LOCATION|FILE|DIR)$/.test(key)) t.true(declared.has(key) || CONFINED.includes(key) || NEVER_READ.includes(key), `${key} names a path`);
  }
  // "Never read" stays true: no source file but the key lists names them.
  const lists = new Set(['src/model/model-keys.ts', 'src/sink-keys/destinations.ts', 'src/sink-keys/kafka.ts', 'src/sink-keys/solr.ts']);
  const root = path.resolve(fileURLToPath(import.meta.url), '../../../..');
  let read = 0;
  for (const file of await readdir(path.join(root, 'src'), { recursive: true })) {
    const rel = path.join('src', file);
    if (!rel.endsWith('.ts') || lists.has(rel)) continue;
    read++;
    const text = await readFile(path.join(root, rel), 'utf8');
    for (const key of NEVER_READ) t.false(text.includes(`'${key}'`), `${rel} reads ${key}: confine it or declare it as a file setting`);
  }
  t.true(read > 100, `read ${read} source files`);
});

const MODEL = (tableNames: Record<string, string> = {}): ModelDefinition => ({ name: 'm', fields: [{ name: 'id', type: 'INTEGER', ghost: false, props: {} }], tableNames, options: {}, primaryKeys: {} } as unknown as ModelDefinition);
const ctxWith = (env: Record<string, string>, overrides: Record<string, string>, tableNames: Record<string, string> = {}, allowed = '') =>
  sinkContext('00000000-0000-4000-8000-000000000001', MODEL(tableNames), 1, 1, sinkSettings({ ...loadConfig({ ...env, DATAGEN_ALLOWED_ENDPOINTS: allowed }), dataDir: '/tmp/d', outputRoots: ['/tmp/d'] }, overrides));
const KAFKA: EndpointSetting[] = [{ key: 'KAFKA_BROKERS', kind: 'host-list' }];

test('a command may name the configured endpoint (in any spelling) and allowed ones, nothing else', (t) => {
  const env = { KAFKA_BROKERS: '127.0.0.1:9092' };
  t.notThrows(() => assertEndpointsAllowed(ctxWith(env, {}), KAFKA));
  t.notThrows(() => assertEndpointsAllowed(ctxWith(env, { KAFKA_BROKERS: '2130706433:9092' }), KAFKA));
  t.notThrows(() => assertEndpointsAllowed(ctxWith(env, { KAFKA_BROKERS: 'b.lan:9092' }, {}, '*.lan:9092'), KAFKA));
  for (const hostile of ['127.0.0.1:4222', '127.1:4222', '[::ffff:127.0.0.1]:4222', '0x7f.0.0.1:4222', 'evil@169.254.169.254:80', '127.0.0.1:9092,10.0.0.1:9092']) {
    const err = t.throws(() => assertEndpointsAllowed(ctxWith(env, { KAFKA_BROKERS: hostile }), KAFKA), { instanceOf: BadRequestError }, hostile);
    t.regex(err!.message, /^KAFKA_BROKERS names endpoint \S+:\d+, which this service may not connect to; the operator allows endpoints with DATAGEN_ALLOWED_ENDPOINTS/);
    t.is((err as BadRequestError).details?.field, 'KAFKA_BROKERS');
  }
});

test('settings without a policy allow nothing', (t) => {
  const ctx = ctxWith({ KAFKA_BROKERS: 'b:9092' }, {});
  delete ctx.settings.endpoints;
  t.throws(() => assertEndpointsAllowed(ctx, KAFKA), { message: /KAFKA_BROKERS names endpoint b:9092/ });
});

test('model keys: a connection string in Table_Names is checked and named there, never echoed; a key file must be the configured one', (t) => {
  const sink = sinkFor('adls_csv');
  const secret = 'c2VjcmV0LWtleQ==';
  const cs = `DefaultEndpointsProtocol=http;AccountName=a;AccountKey=${secret};BlobEndpoint=http://127.0.0.1:4222/a`;
  const err = t.throws(() => sink.validate(ctxWith({}, {}, { ADLS_CONTAINER: 'box', ADLS_CONNECTION_STRING: cs })), { instanceOf: BadRequestError });
  t.is(err!.message.split(',')[0], 'Table_Names.ADLS_CONNECTION_STRING names endpoint 127.0.0.1:4222');
  t.false(err!.message.includes(secret));
  t.notThrows(() => sink.validate(ctxWith({}, {}, { ADLS_CONTAINER: 'box', ADLS_CONNECTION_STRING: cs }, '127.0.0.1:4222')));

  const gcs = sinkFor('gcs_json');
  const keyed = (path: string, env: Record<string, string> = {}) => ctxWith(env, {}, { GCS_BUCKET: 'bucket', GCS_ACCOUNT_KEY_PATH: path });
  t.throws(() => gcs.validate(keyed('/tmp/d/output/planted.json')), { message: /^Table_Names\.GCS_ACCOUNT_KEY_PATH names a file this service may not read/ });
  t.notThrows(() => gcs.validate(keyed('/etc/gcs/key.json', { GCS_ACCOUNT_KEY_PATH: '/etc/gcs/./key.json' })));
  t.throws(() => gcs.validate(keyed('/etc/gcs/other.json', { GCS_ACCOUNT_KEY_PATH: '/etc/gcs/key.json' })), { instanceOf: BadRequestError });
});

test('every step of a sink checks, so a command recorded earlier cannot bypass the API: prepare refuses before connecting', async (t) => {
  const kafka = sinkFor('kafka');
  const ctx = ctxWith({ KAFKA_BROKERS: '127.0.0.1:9092' }, { KAFKA_BROKERS: '169.254.169.254:80' }, { KAFKA_TOPIC: 't' });
  for (const step of ['prepare', 'open', 'finalize', 'abort'] as const) {
    await t.throwsAsync(kafka[step](ctx) as Promise<unknown>, { message: /^KAFKA_BROKERS names endpoint 169\.254\.169\.254:80/ }, step);
  }
  t.throws(() => kafka.validate(ctx), { message: /^KAFKA_BROKERS names endpoint 169\.254\.169\.254:80/ });
  // A sink that does not read the key is not refused for it.
  t.notThrows(() => sinkFor('json').validate(ctx));
});
