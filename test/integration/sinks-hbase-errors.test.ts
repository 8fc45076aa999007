/** HBase sink failures: bad options answer a 400 at validate; an unreachable REST gateway rejects naming the sink and its URL. */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
import { familyMapping } from '../../src/sinks/hbase/options.js';
import { rowKeyOf } from '../../src/sinks/hbase/rows.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { CUSTOMER_COLUMNS, customerModel, customerRow, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

const sink = sinkFor('hbase');
// Port 1 on loopback: nothing listens there, so connections are refused at once.
const UNREACHABLE = 'http://127.0.0.1:1';
const ctx = (options: Record<string, string> = {}, properties: Record<string, string> = { HBASE_REST_URL: UNREACHABLE }, tableNames: Record<string, string> = {}) =>
  sinkCtx(customerModel('customer', tableNames, options), properties, 10, 1, randomUUID());

test('prepare() against an unreachable REST gateway rejects with the sink, its URL and the cause', async (t) => {
  const err = await t.throwsAsync(sink.prepare(ctx()));
  t.regex(err!.message, /^hbase http:\/\/127\.0\.0\.1:1 table default:customer: preparing the table failed: .*ECONNREFUSED/);
});

test('write() against an unreachable REST gateway rejects with the sink, its URL and the batch', async (t) => {
  const writer = await sink.open(ctx({ HBASE_PRIMARY_KEY: 'id' }, undefined, { HBASE_NAMESPACE: 'ns', HBASE_TABLE_NAME: 't' }));
  const err = await t.throwsAsync(writeBatch(writer, 2, customerRows(2, 5)));
  t.regex(err!.message, /^hbase http:\/\/127\.0\.0\.1:1 table ns:t: putting batch 2 failed: .*ECONNREFUSED/);
  await writer.close();
});

const invalid: [string, Record<string, string>, Record<string, string>, Record<string, string>, RegExp][] = [
  ['no HBASE_REST_URL', {}, {}, {}, /hbase sink needs HBASE_REST_URL/],
  ['a REST URL that is not http', {}, { HBASE_REST_URL: 'zk://h:2181' }, {}, /HBASE_REST_URL "zk:\/\/h:2181" must be an http\(s\) URL/],
  ['a primary key column that does not exist', { HBASE_PRIMARY_KEY: 'id,nope' }, { HBASE_REST_URL: UNREACHABLE }, {}, /HBASE_PRIMARY_KEY names "nope"/],
  ['a mapping naming an unknown column', { HBASE_COLUMN_FAMILIES_MAPPING: 'cf:name,ghost' }, { HBASE_REST_URL: UNREACHABLE }, {}, /MAPPING names "ghost"/],
  ['a mapping without a family', { HBASE_COLUMN_FAMILIES_MAPPING: 'name,email' }, { HBASE_REST_URL: UNREACHABLE }, {}, /must read family:column1,column2/],
  ['a column mapped to two families', { HBASE_COLUMN_FAMILIES_MAPPING: 'a:name;b:name' }, { HBASE_REST_URL: UNREACHABLE }, {}, /"name" is mapped to both a and b/],
  ['an illegal table name', {}, { HBASE_REST_URL: UNREACHABLE }, { HBASE_TABLE_NAME: 'a/b' }, /HBASE_TABLE_NAME "a\/b" is not a legal HBase name/],
];
for (const [what, options, properties, tableNames, message] of invalid) {
  test(`validate() rejects ${what} with a 400 saying so`, (t) => {
    const err = t.throws(() => sink.validate(ctx(options, properties, tableNames)));
    t.true(err instanceof BadRequestError);
    t.regex(err!.message, message);
  });
}

test('describe() names the REST URL and the qualified table', (t) => {
  t.is(sink.describe(ctx({}, undefined, { HBASE_NAMESPACE: 'n', HBASE_TABLE_NAME: 't' })), 'hbase http://127.0.0.1:1 table n:t');
});

test('family mapping: mapped columns in their families, the rest in cq, which always exists', (t) => {
  const { familyOf, families } = familyMapping(CUSTOMER_COLUMNS, ' info : name , email ; stats:age ');
  t.deepEqual(families, ['info', 'stats', 'cq']);
  t.is(familyOf.get('name'), 'info');
  t.is(familyOf.get('age'), 'stats');
  t.is(familyOf.get('token'), 'cq');
});

test('row keys: key columns in text form joined by the separator; a missing key value is an error naming the row', (t) => {
  const row = customerRow(0, 3);
  t.is(rowKeyOf({ keyColumns: ['age', 'seen'], keySeparator: '#' }, 'c', 0, 3, row), `21#${(row.seen as Date).toISOString()}`);
  t.is(rowKeyOf({ keyColumns: [], keySeparator: '|' }, 'cmd', 4, 12, row), 'cmd-0000000004-0000000012');
  const err = t.throws(() => rowKeyOf({ keyColumns: ['age'], keySeparator: '|' }, 'c', 1, 9, { ...row, age: null }));
  t.regex(err!.message, /row 9 of batch 1 has no value for a row key column \(age\)/);
});
