/** Solr sink failures without a server: bad options answer a 400 at validate; an unreachable node rejects naming the sink and its URL. */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../src/errors.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { documentEncoder, schemaXml } from '../../src/sinks/solr/documents.js';
import { CUSTOMER_COLUMNS, customerModel, customerRow, customerRows, sinkCtx } from '../helpers/services/fixtures.js';
import { freePorts } from '../helpers/services/ports.js';
import { writeBatch } from '../../src/sinks/write-batch.js';

const sink = sinkFor('solr');
// A loopback port nothing listens on: connections are refused at once.
const [port] = await freePorts(1);
const UNREACHABLE = `http://127.0.0.1:${port}/solr`;
const ctx = (options: Record<string, string> = {}, properties: Record<string, string> = { SOLR_URL: UNREACHABLE }, tableNames: Record<string, string> = {}) =>
  sinkCtx(customerModel('customer', tableNames, options), properties, 10, 1, randomUUID());

test('prepare() against an unreachable node rejects with the sink, its URL and the cause', async (t) => {
  const err = await t.throwsAsync(sink.prepare(ctx()));
  t.is(err!.message.split(': preparing')[0], `solr ${UNREACHABLE} collection customer`);
  t.regex(err!.message, /preparing the collection failed: GET \/admin\/collections: fetch failed \(ECONNREFUSED\)/);
});

test('write() against an unreachable node rejects with the sink, its URL and the batch', async (t) => {
  const writer = await sink.open(ctx({}, undefined, { SOLR_COLLECTION: 'c1' }));
  const err = await t.throwsAsync(writeBatch(writer, 2, customerRows(2, 5)));
  t.regex(err!.message, new RegExp(`^solr http://127\\.0\\.0\\.1:${port}/solr collection c1: adding batch 2 failed: POST /c1/update: fetch failed \\(ECONNREFUSED\\)`));
  await writer.close();
});

const invalid: [string, Record<string, string>, Record<string, string>, Record<string, string>, RegExp][] = [
  ['no SOLR_URL', {}, {}, {}, /solr sink needs SOLR_URL/],
  ['a URL that is not http', {}, { SOLR_URL: 'zk://h:2181/solr' }, {}, /SOLR_URL "zk:\/\/h:2181\/solr" must be an http\(s\) URL/],
  ['an illegal collection name', {}, { SOLR_URL: UNREACHABLE }, { SOLR_COLLECTION: 'a/b' }, /Table_Names.SOLR_COLLECTION "a\/b" is not a legal Solr collection name/],
  ['Kerberos', {}, { SOLR_URL: UNREACHABLE }, { SOLR_USE_KERBEROS: 'true' }, /SOLR_USE_KERBEROS=true is not supported/],
  ['zero shards', { SOLR_SHARDS: '0' }, { SOLR_URL: UNREACHABLE }, {}, /Options.SOLR_SHARDS must be a positive integer, got "0"/],
  ['replicas that are not a number', { SOLR_REPLICAS: 'two' }, { SOLR_URL: UNREACHABLE }, {}, /Options.SOLR_REPLICAS must be a positive integer, got "two"/],
  ['a key column that does not exist', { SOLR_PRIMARY_KEY: 'nope' }, { SOLR_URL: UNREACHABLE }, {}, /SOLR_PRIMARY_KEY names "nope"/],
  ['a key other than the id column', { SOLR_PRIMARY_KEY: 'email' }, { SOLR_URL: UNREACHABLE }, {}, /a column named id is Solr's document id/],
];
for (const [what, options, properties, tableNames, message] of invalid) {
  test(`validate() rejects ${what} with a 400 saying so`, (t) => {
    const err = t.throws(() => sink.validate(ctx(options, properties, tableNames)));
    t.true(err instanceof BadRequestError);
    t.regex(err!.message, message);
  });
}

test('describe() names the URL and the collection; a password in the URL is redacted', (t) => {
  t.is(sink.describe(ctx({}, { SOLR_URL: 'http://u:pw@h:8983/solr' }, { SOLR_COLLECTION: 'c' })), 'solr http://u:********@h:8983/solr collection c');
});

test('documents: typed JSON values, exact longs, base64 bytes, ISO timestamps; the id column is the id', (t) => {
  const row = customerRow(0, 1);
  const json = documentEncoder(CUSTOMER_COLUMNS, ['id']).encode('cmd', 0, [row, { ...row, name: null }], 0);
  t.true(json.includes('"account":9007199254740994,'));
  const [doc, withNull] = JSON.parse(json) as Record<string, unknown>[];
  t.deepEqual(doc, {
    id: row.id, name: row.name, email: row.email, age: row.age, account: 9007199254740994, balance: row.balance, active: row.active,
    created: new Date(row.created as number).toISOString(), seen: (row.seen as Date).toISOString(), token: 'AQCrAA==',
  });
  t.false('name' in withNull!, 'a null value is left out');
  t.regex(documentEncoder(CUSTOMER_COLUMNS.slice(1), []).encode('cmd', 3, [row], 41), /^\[\{"id":"cmd-0000000003-0000000041",/);
  t.regex(schemaXml(CUSTOMER_COLUMNS), /<field name="account" type="plong" indexed="true" stored="true"\/>/);
});
