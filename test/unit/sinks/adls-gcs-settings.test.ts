/** The adls_* and gcs_* sinks' settings: defaults, naming, credentials, and secrets kept out of messages and describe(). */
import test, { type ExecutionContext } from 'ava';
import { loadConfig, logSettings } from '../../../src/config.js';
import { BadRequestError } from '../../../src/errors.js';
import { isSecretKey } from '../../../src/secrets.js';
import { OBJECT_STORE_CONNECTION_SETTINGS } from '../../../src/sinks/destinations/object-connection-settings.js';
import { adlsSettings } from '../../../src/sinks/destinations/azure-settings.js';
import { gcsSettings } from '../../../src/sinks/destinations/gcs-settings.js';
import { adlsTarget, gcsTarget } from '../../../src/sinks/destinations/object-targets.js';
import { userSettingProblem } from '../../../src/sinks/user-settings.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const ctx = (tableNames: Record<string, string>, properties: Record<string, string> = {}, options: Record<string, string> = {}) =>
  sinkCtx(customerModel('customer', tableNames, options), properties, 10, 2, 'cmd-1');

function badRequest(t: ExecutionContext, fn: () => unknown, field: string, message?: RegExp): BadRequestError {
  const err = t.throws(fn, { instanceOf: BadRequestError }) as BadRequestError & { details?: { field?: string } };
  t.is(err.details?.field, field);
  if (message) t.regex(err.message, message);
  return err;
}

const SAS = 'sv=2024-11-04&ss=b&srt=co&sp=rwdlac&se=2030-01-01T00:00:00Z&sig=c2VjcmV0LXNpZ25hdHVyZQ%3D%3D';

test('adls defaults: the container root, the model name, the account\'s Blob endpoint, 8 MiB blocks, 2 at once, SAS as the original', (t) => {
  t.deepEqual(adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'myaccount', ADLS_SAS_TOKEN: `?${SAS}` })), {
    settings: { container: 'dgtest', auth: { kind: 'sas', sasToken: SAS }, serviceUrl: 'https://myaccount.blob.core.windows.net', blockSize: 8 * 1024 * 1024, concurrency: 2 },
    dir: '',
    base: 'customer',
  });
});

test('adls naming and options: ADLS_DIRECTORY/ + ADLS_FILE_NAME, ADLS_BLOCK_SIZE, ADLS_MAX_CONCURRENCY, an endpoint for emulators', (t) => {
  const s = adlsSettings(
    ctx({ ADLS_CONTAINER: 'dg-test', ADLS_DIRECTORY: 'datagen/customer/', ADLS_FILE_NAME: 'cust', ADLS_ACCOUNT_NAME: 'devstoreaccount1', ADLS_ACCOUNT_TYPE: 'blob', ADLS_ACCOUNT_KEY: 'a2V5' }, { ADLS_ENDPOINT: 'http://127.0.0.1:10000/devstoreaccount1' }, { ADLS_BLOCK_SIZE: '4194304', ADLS_MAX_CONCURRENCY: '4' }),
  );
  t.like(s, { dir: 'datagen/customer', base: 'cust', settings: { blockSize: 4194304, concurrency: 4, serviceUrl: 'http://127.0.0.1:10000/devstoreaccount1' } });
  t.deepEqual(s.settings.auth, { kind: 'shared-key', accountName: 'devstoreaccount1', accountKey: 'a2V5' });
  const cs = adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest' }, { ADLS_CONNECTION_STRING: 'AccountName=a;AccountKey=k;BlobEndpoint=http://h/a;' }));
  t.is(cs.settings.auth.kind, 'connection-string');
  t.is(cs.settings.serviceUrl, undefined);
});

test('adls: missing or malformed keys are 400s naming them, quoting no secret', (t) => {
  badRequest(t, () => adlsSettings(ctx({ ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS })), 'Table_Names.ADLS_CONTAINER');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'Bad--Name', ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS })), 'Table_Names.ADLS_CONTAINER', /not a container name/);
  const noCreds = badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'acc' })), 'Table_Names.ADLS_SAS_TOKEN');
  t.regex(noCreds.message, /ADLS_SAS_TOKEN.*ADLS_ACCOUNT_KEY.*ADLS_CONNECTION_STRING/);
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_SAS_TOKEN: SAS })), 'Table_Names.ADLS_ACCOUNT_NAME');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'Bad_Account', ADLS_SAS_TOKEN: SAS })), 'Table_Names.ADLS_ACCOUNT_NAME');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS, ADLS_ACCOUNT_TYPE: 'gen3' })), 'Table_Names.ADLS_ACCOUNT_TYPE');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS }, {}, { ADLS_BLOCK_SIZE: 'big' })), 'Options.ADLS_BLOCK_SIZE');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS }, {}, { ADLS_MAX_CONCURRENCY: '0' })), 'Options.ADLS_MAX_CONCURRENCY');
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'acc', ADLS_SAS_TOKEN: SAS }, {}, { ADLS_MAX_UPLOAD_SIZE: '-1' })), 'Options.ADLS_MAX_UPLOAD_SIZE');
  const secret = 'AccountKey=c2VjcmV0;nothing-else';
  const err = badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest' }, { ADLS_CONNECTION_STRING: secret })), 'ADLS_CONNECTION_STRING');
  t.false(err.message.includes('c2VjcmV0'));
  badRequest(t, () => adlsSettings(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_SAS_TOKEN: SAS }, { ADLS_ENDPOINT: 'not a url' })), 'ADLS_ENDPOINT');
});

test('adls describe() is the blob\'s URL without the SAS token, key or connection string', (t) => {
  const sas = adlsTarget(ctx({ ADLS_CONTAINER: 'dgtest', ADLS_ACCOUNT_NAME: 'myaccount', ADLS_SAS_TOKEN: SAS, ADLS_DIRECTORY: 'd' }));
  t.is(sas.destination.describe('d/customer-0000000000.json'), 'https://myaccount.blob.core.windows.net/dgtest/d/customer-0000000000.json');
  const cs = adlsTarget(ctx({ ADLS_CONTAINER: 'dgtest' }, { ADLS_CONNECTION_STRING: `BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;SharedAccessSignature=${SAS}` }));
  const described = cs.destination.describe('x.csv');
  t.is(described, 'http://127.0.0.1:10000/devstoreaccount1/dgtest/x.csv');
  t.false(described.includes('sig='));
});

test('gcs defaults and naming: GCS_DIRECTORY/ + GCS_OBJECT_NAME, application default credentials, 8 MiB chunks', (t) => {
  t.deepEqual(gcsSettings(ctx({ GCS_BUCKET: 'datagenfri' })), {
    settings: { bucket: 'datagenfri', auth: { kind: 'default' }, chunkSize: 8 * 1024 * 1024 },
    dir: '',
    base: 'customer',
  });
  const s = gcsSettings(ctx({ GCS_BUCKET: 'datagen_fri', GCS_DIRECTORY: '/datagen//customer', GCS_OBJECT_NAME: 'cust', GCS_PROJECT_ID: 'my-project-1', GCS_REGION: 'europe-west1', GCS_ACCOUNT_KEY_PATH: '/etc/datagen/gcs.json' }, { GCS_ENDPOINT: 'http://127.0.0.1:4443', GCS_CHUNK_SIZE: '524288' }));
  t.deepEqual(s, {
    settings: { bucket: 'datagen_fri', projectId: 'my-project-1', endpoint: 'http://127.0.0.1:4443', auth: { kind: 'key-file', keyFilename: '/etc/datagen/gcs.json' }, chunkSize: 524288 },
    dir: 'datagen/customer',
    base: 'cust',
  });
  t.deepEqual(gcsSettings(ctx({ GCS_BUCKET: 'b-1', GCS_ACCOUNT_ACCESS_TOKEN: 'ya29.token' })).settings.auth, { kind: 'access-token', accessToken: 'ya29.token' });
});

test('gcs: missing or malformed keys are 400s naming them; describe() never shows the token', (t) => {
  badRequest(t, () => gcsSettings(ctx({})), 'Table_Names.GCS_BUCKET');
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'UPPER' })), 'Table_Names.GCS_BUCKET');
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'bucket', GCS_PROJECT_ID: 'X' })), 'Table_Names.GCS_PROJECT_ID');
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'bucket', GCS_REGION: 'eu west' })), 'Table_Names.GCS_REGION');
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'bucket', GCS_ACCOUNT_KEY_PATH: 'relative/key.json' })), 'Table_Names.GCS_ACCOUNT_KEY_PATH');
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'bucket' }, { GCS_CHUNK_SIZE: '300000' })), 'GCS_CHUNK_SIZE', /multiple of 262144/);
  badRequest(t, () => gcsSettings(ctx({ GCS_BUCKET: 'bucket', GCS_DIRECTORY: './x' })), 'Table_Names.GCS_DIRECTORY');
  const token = 'ya29.secret-token-value';
  const target = gcsTarget(ctx({ GCS_BUCKET: 'bucket', GCS_ACCOUNT_ACCESS_TOKEN: token }));
  t.is(target.destination.describe('a/b.json'), 'gs://bucket/a/b.json');
  t.is(target.destination.kind, 'gcs');
});

test('the object stores\' credentials are secrets, their other settings are not, and all may be given as extraProperties', (t) => {
  for (const key of ['S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_SECRET', 'OZONE_S3_ACCESS_KEY_ID', 'OZONE_S3_ACCESS_KEY_SECRET', 'ADLS_SAS_TOKEN', 'ADLS_ACCOUNT_KEY', 'ADLS_CONNECTION_STRING', 'GCS_ACCOUNT_ACCESS_TOKEN']) {
    t.true(isSecretKey(key), key);
  }
  for (const key of OBJECT_STORE_CONNECTION_SETTINGS.filter((k) => !/ACCESS_KEY|CONNECTION_STRING/.test(k))) t.false(isSecretKey(key), key);
  t.false(isSecretKey('S3_KEY_NAME'));
  for (const key of OBJECT_STORE_CONNECTION_SETTINGS) t.is(userSettingProblem(key), undefined, `${key} may be given in extraProperties`);
});

test('the service environment\'s OZONE_*, ADLS_* and GCS_* reach the sinks as properties', (t) => {
  const { properties } = loadConfig({ OZONE_S3_ENDPOINT: 'http://s3g:9878', ADLS_CONNECTION_STRING: 'AccountName=a;', GCS_ENDPOINT: 'http://g:4443', S3_ENDPOINT: 'http://s3:9000', UNRELATED: 'x' });
  t.like(properties, { OZONE_S3_ENDPOINT: 'http://s3g:9878', ADLS_CONNECTION_STRING: 'AccountName=a;', GCS_ENDPOINT: 'http://g:4443', S3_ENDPOINT: 'http://s3:9000' });
  t.false('UNRELATED' in properties);
  t.like(logSettings({ OZONE_S3_ACCESS_KEY_SECRET: 's' }).settings, { OZONE_S3_ACCESS_KEY_SECRET: 's' }, 'known to the log scrubber');
});
