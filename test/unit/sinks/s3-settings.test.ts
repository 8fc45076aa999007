/** The s3_* and ozone_* sinks' settings: defaults, naming, model over properties, and secrets kept out of messages. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { ozoneTarget, s3Target } from '../../../src/sinks/destinations/object-targets.js';
import { ozoneSettings, s3Settings } from '../../../src/sinks/destinations/s3-settings.js';
import { SCHEDULE_EXECUTION_PROPERTY } from '../../../src/sinks/types.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const ctx = (tableNames: Record<string, string>, properties: Record<string, string> = {}) => sinkCtx(customerModel('customer', tableNames), properties, 10, 2, 'cmd-1');

function badRequest(t: import('ava').ExecutionContext, fn: () => unknown, field: string, message?: RegExp): BadRequestError {
  const err = t.throws(fn, { instanceOf: BadRequestError });
  t.is((err as BadRequestError & { details?: { field?: string } }).details?.field, field);
  if (message) t.regex(err!.message, message);
  return err as BadRequestError;
}

test('s3 defaults: the bucket root, the model name as prefix, us-east-1, the default credential chain, 8 MiB parts', (t) => {
  const s = s3Settings(ctx({ S3_BUCKET: 'datagen-test' }));
  t.deepEqual(s, {
    settings: { kind: 's3', bucket: 'datagen-test', region: 'us-east-1', forcePathStyle: false, partSize: 8 * 1024 * 1024, createBucket: true },
    dir: '',
    base: 'customer',
  });
});

test('s3 naming: S3_DIRECTORY/ + S3_KEY_NAME as the original, slashes normalised', (t) => {
  const s = s3Settings(ctx({ S3_BUCKET: 'b-1.x', S3_DIRECTORY: '/datagen//customer/', S3_KEY_NAME: 'cust', S3_REGION: 'eu-west-3' }));
  t.is(s.dir, 'datagen/customer');
  t.is(s.base, 'cust');
  t.is(s.settings.region, 'eu-west-3');
  t.is(s3Target(ctx({ S3_BUCKET: 'b-1.x', S3_KEY_NAME: 'cust' })).prefix, 'cust');
  const scheduled = sinkCtx(customerModel('customer', { S3_BUCKET: 'bucket', S3_KEY_NAME: 'cust' }), { [SCHEDULE_EXECUTION_PROPERTY]: '7' }, 10, 2, 'c');
  t.like(s3Target(scheduled), { base: 'cust', prefix: 'cust-execution-000007' });
});

test('s3: a missing or malformed key is a 400 naming it', (t) => {
  badRequest(t, () => s3Settings(ctx({})), 'Table_Names.S3_BUCKET');
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'Not_A_Bucket' })), 'Table_Names.S3_BUCKET', /not a bucket name/);
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'a..b' })), 'Table_Names.S3_BUCKET');
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket', S3_DIRECTORY: 'a/../b' })), 'Table_Names.S3_DIRECTORY', /"\.\."/);
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket', S3_KEY_NAME: 'a/b' })), 'Table_Names.S3_KEY_NAME', /path separator/);
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket' }, { S3_ENDPOINT: 'ftp://host' })), 'S3_ENDPOINT');
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket' }, { S3_PART_SIZE: '1048576' })), 'S3_PART_SIZE', /at least 5242880/);
  badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket' }, { S3_FORCE_PATH_STYLE: 'yes' })), 'S3_FORCE_PATH_STYLE');
});

test('s3: the model overrides the service properties; the endpoint comes from properties and turns on path style', (t) => {
  const s = s3Settings(ctx({ S3_BUCKET: 'from-model', S3_REGION: 'ap-south-1' }, { S3_BUCKET: 'from-env', S3_REGION: 'us-west-2', S3_ENDPOINT: 'http://127.0.0.1:9000/' }));
  t.is(s.settings.bucket, 'from-model');
  t.is(s.settings.region, 'ap-south-1');
  t.is(s.settings.endpoint, 'http://127.0.0.1:9000');
  t.true(s.settings.forcePathStyle);
  t.false(s3Settings(ctx({ S3_BUCKET: 'b-b' }, { S3_ENDPOINT: 'http://h:1', S3_FORCE_PATH_STYLE: 'false' })).settings.forcePathStyle);
  t.is(s3Settings(ctx({}, { S3_BUCKET: 'from-env' })).settings.bucket, 'from-env');
});

test('s3 credentials: both keys or neither; a half pair is a 400 that quotes no value', (t) => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  t.deepEqual(s3Settings(ctx({ S3_BUCKET: 'bucket', S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_ACCESS_KEY_SECRET: secret })).settings.credentials, {
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: secret,
  });
  t.deepEqual(s3Settings(ctx({ S3_BUCKET: 'bucket' }, { S3_ACCESS_KEY_ID: 'AKIAEXAMPLE', S3_ACCESS_KEY_SECRET: secret })).settings.credentials?.secretAccessKey, secret);
  const err = badRequest(t, () => s3Settings(ctx({ S3_BUCKET: 'bucket', S3_ACCESS_KEY_SECRET: secret })), 'S3_ACCESS_KEY_ID');
  t.false(err.message.includes(secret));
});

test('s3 describe() names bucket, key and endpoint, never credentials (a URL user-info included)', (t) => {
  const secret = 'topsecretvalue123';
  const { destination } = s3Target(ctx({ S3_BUCKET: 'bucket', S3_ACCESS_KEY_ID: 'AKIAID', S3_ACCESS_KEY_SECRET: secret }, { S3_ENDPOINT: `http://user:${secret}@127.0.0.1:9000` }));
  const described = destination.describe('/dir/x-0000000000.json');
  t.is(described, 's3://bucket/dir/x-0000000000.json at http://user:********@127.0.0.1:9000');
  t.false(described.includes(secret));
  t.false(described.includes('AKIAID'));
});

test('ozone: reached through its S3 gateway; OZONE_BUCKET is the bucket, OZONE_KEY_NAME the prefix (with an optional directory)', (t) => {
  badRequest(t, () => ozoneSettings(ctx({ OZONE_BUCKET: 'weather' })), 'OZONE_S3_ENDPOINT', /S3 gateway/);
  const props = { OZONE_S3_ENDPOINT: 'http://s3g:9878' };
  t.deepEqual(ozoneSettings(ctx({ OZONE_VOLUME: 's3v', OZONE_BUCKET: 'weather', OZONE_KEY_NAME: 'weather' }, props)), {
    settings: { kind: 'ozone', bucket: 'weather', region: 'us-east-1', endpoint: 'http://s3g:9878', forcePathStyle: true, partSize: 8 * 1024 * 1024, createBucket: true },
    dir: '',
    base: 'weather',
  });
  t.like(ozoneSettings(ctx({ OZONE_BUCKET: 'customer', OZONE_KEY_NAME: 'fr/2024/customer-fr' }, props)), { dir: 'fr/2024', base: 'customer-fr' });
  t.is(ozoneSettings(ctx({ OZONE_BUCKET: 'customer' }, props)).base, 'customer');
  badRequest(t, () => ozoneSettings(ctx({}, props)), 'Table_Names.OZONE_BUCKET');
  badRequest(t, () => ozoneSettings(ctx({ OZONE_BUCKET: 'ok-bucket', OZONE_VOLUME: 'Bad Volume' }, props)), 'Table_Names.OZONE_VOLUME');
  badRequest(t, () => ozoneSettings(ctx({ OZONE_BUCKET: 'ok-bucket', OZONE_KEY_NAME: 'a/..' }, props)), 'Table_Names.OZONE_KEY_NAME');
  const secret = 'ozone-secret-value';
  const target = ozoneTarget(ctx({ OZONE_BUCKET: 'weather', OZONE_S3_ACCESS_KEY_ID: 'id', OZONE_S3_ACCESS_KEY_SECRET: secret }, props));
  t.is(target.destination.kind, 'ozone');
  t.is(target.destination.describe('weather-0000000000.orc'), 'ozone://weather/weather-0000000000.orc at http://s3g:9878');
});
