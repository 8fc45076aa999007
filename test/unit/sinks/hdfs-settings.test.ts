/** The hdfs_* sinks' settings: the WebHDFS address, the original's Table_Names keys, Kerberos refused, the allow-list. */
import test, { type ExecutionContext } from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { hdfsPlan, hdfsTarget, webHdfsUrls } from '../../../src/sinks/destinations/hdfs-settings.js';
import { SCHEDULE_EXECUTION_PROPERTY } from '../../../src/sinks/types.js';
import { userSettingProblem } from '../../../src/sinks/user-settings.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const URL_PROPS = { HDFS_URL: 'http://nn:9870' };
const ctx = (tableNames: Record<string, string> = {}, properties: Record<string, string> = URL_PROPS, options: Record<string, string> = {}) =>
  sinkCtx(customerModel('customer', tableNames, options), properties, 10, 2, 'cmd-1');

function badRequest(t: ExecutionContext, fn: () => unknown, field: string, message?: RegExp): BadRequestError {
  const err = t.throws(fn, { instanceOf: BadRequestError }) as BadRequestError & { details?: { field?: string } };
  t.is(err.details?.field, field);
  if (message) t.regex(err.message, message);
  return err;
}

test('defaults: /user/datagen/hdfs/<model> as the original\'s example models, the model name as prefix, user datagen', (t) => {
  t.deepEqual(hdfsPlan(ctx()), { url: ['http://nn:9870'], user: 'datagen', dir: '/user/datagen/hdfs/customer', base: 'customer' });
});

test('Table_Names: HDFS_FILE_PATH (normalised), HDFS_FILE_NAME, HDFS_USER; the model over the service properties', (t) => {
  const plan = hdfsPlan(ctx({ HDFS_FILE_PATH: '/data//customer/fr/', HDFS_FILE_NAME: 'customer-fr', HDFS_USER: 'etl' }, { ...URL_PROPS, HDFS_USER: 'svc' }));
  t.like(plan, { dir: '/data/customer/fr', base: 'customer-fr', user: 'etl' });
  t.is(hdfsPlan(ctx({}, { ...URL_PROPS, HDFS_USER: 'svc' })).user, 'svc');
});

test('Options.HDFS_REPLICATION_FACTOR becomes the replication; a wrong value is a 400 naming it', (t) => {
  t.is(hdfsPlan(ctx({}, URL_PROPS, { HDFS_REPLICATION_FACTOR: '2' })).replication, 2);
  badRequest(t, () => hdfsPlan(ctx({}, URL_PROPS, { HDFS_REPLICATION_FACTOR: '0' })), 'Options.HDFS_REPLICATION_FACTOR');
  badRequest(t, () => hdfsPlan(ctx({}, URL_PROPS, { HDFS_REPLICATION_FACTOR: 'three' })), 'Options.HDFS_REPLICATION_FACTOR');
});

test('the target: prefix with a schedule execution\'s part, base without it', (t) => {
  const scheduled = sinkCtx(customerModel('customer', { HDFS_FILE_NAME: 'cust' }), { ...URL_PROPS, [SCHEDULE_EXECUTION_PROPERTY]: '7' }, 10, 2, 'c');
  const target = hdfsTarget(scheduled);
  t.like(target, { dir: '/user/datagen/hdfs/customer', base: 'cust', prefix: 'cust-execution-000007' });
  t.is(target.destination.kind, 'hdfs');
  t.is(target.destination.describe('/a/b.csv'), 'hdfs://nn:9870/a/b.csv');
  t.is(hdfsTarget(ctx()).prefix, 'customer');
});

test('HDFS_USE_KERBEROS=true is a 400 saying Kerberos is not supported; false is fine', (t) => {
  badRequest(t, () => hdfsPlan(ctx({ HDFS_USE_KERBEROS: 'true' })), 'Table_Names.HDFS_USE_KERBEROS', /Kerberos \(SPNEGO\) client/);
  badRequest(t, () => hdfsPlan(ctx({}, { ...URL_PROPS, HDFS_USE_KERBEROS: 'TRUE' })), 'Table_Names.HDFS_USE_KERBEROS');
  t.is(hdfsPlan(ctx({ HDFS_USE_KERBEROS: 'false' })).user, 'datagen');
});

test('a bad path, name or user is a 400 naming the key', (t) => {
  badRequest(t, () => hdfsPlan(ctx({ HDFS_FILE_PATH: 'relative/dir' })), 'Table_Names.HDFS_FILE_PATH', /absolute/);
  badRequest(t, () => hdfsPlan(ctx({ HDFS_FILE_PATH: '/a/../b' })), 'Table_Names.HDFS_FILE_PATH', /\.\./);
  badRequest(t, () => hdfsPlan(ctx({ HDFS_FILE_PATH: '/' })), 'Table_Names.HDFS_FILE_PATH', /root/);
  badRequest(t, () => hdfsPlan(ctx({ HDFS_FILE_PATH: 'hdfs://nn:8020/data' })), 'Table_Names.HDFS_FILE_PATH');
  badRequest(t, () => hdfsPlan(ctx({ HDFS_FILE_NAME: 'a/b' })), 'Table_Names.HDFS_FILE_NAME');
  badRequest(t, () => hdfsPlan(ctx({ HDFS_USER: 'bob&op=DELETE' })), 'Table_Names.HDFS_USER');
});

test('the WebHDFS addresses: HDFS_URL (an HA pair comma-separated), else derived from HDFS_URI (the original\'s hdfs.uri)', (t) => {
  t.deepEqual(webHdfsUrls({ HDFS_URL: 'https://gw.example.com/gateway/default/', HDFS_URI: 'hdfs://other:8020' }), ['https://gw.example.com/gateway/default']);
  t.deepEqual(webHdfsUrls({ HDFS_URI: 'hdfs://namenode.example.com:8020' }), ['http://namenode.example.com:9870']);
  t.deepEqual(webHdfsUrls({ HDFS_URI: 'hdfs://namenode' }), ['http://namenode:9870']);
  t.deepEqual(webHdfsUrls({ HDFS_URI: 'webhdfs://nn:50070' }), ['http://nn:50070']);
  t.deepEqual(webHdfsUrls({ HDFS_URI: 'swebhdfs://nn:9871' }), ['https://nn:9871']);
  t.deepEqual(webHdfsUrls({ HDFS_URI: 'http://nn:9870' }), ['http://nn:9870']);
  // An HA pair: both namenodes, in order, once each.
  t.deepEqual(webHdfsUrls({ HDFS_URL: ' http://nn1:9870/, http://nn2:9870 ,http://nn1:9870' }), ['http://nn1:9870', 'http://nn2:9870']);
});

test('a missing or unusable address is a 400 naming the key, with no credentials in it', (t) => {
  badRequest(t, () => webHdfsUrls({}), 'HDFS_URL', /HDFS_URL.*HDFS_URI/);
  badRequest(t, () => webHdfsUrls({ HDFS_URL: 'nn:9870' }), 'HDFS_URL');
  badRequest(t, () => webHdfsUrls({ HDFS_URL: 'http://nn:9870/?op=x' }), 'HDFS_URL');
  badRequest(t, () => webHdfsUrls({ HDFS_URL: 'http://nn1:9870,nn2' }), 'HDFS_URL');
  badRequest(t, () => webHdfsUrls({ HDFS_URI: 'file:///tmp' }), 'HDFS_URI');
  const withUser = badRequest(t, () => webHdfsUrls({ HDFS_URL: 'http://bob:s3cret-pw@nn:9870' }), 'HDFS_URL');
  t.false(withUser.message.includes('s3cret-pw'));
  const badScheme = badRequest(t, () => webHdfsUrls({ HDFS_URI: 'ftp://bob:s3cret-pw@nn' }), 'HDFS_URI');
  t.false(badScheme.message.includes('s3cret-pw'), badScheme.message);
});

test('extraProperties may set HDFS_URL and HDFS_URI', (t) => {
  t.is(userSettingProblem('HDFS_URL'), undefined);
  t.is(userSettingProblem('HDFS_URI'), undefined);
  t.is(userSettingProblem('HDFS_FILE_PATH'), undefined);
  t.truthy(userSettingProblem('HDFS_URLS'));
});
