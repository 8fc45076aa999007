/**
 * The Kudu sink's pure parts, without a server: its options (the table's columns, keys and partitioning from the
 * original's keys, each wrong value a 400 naming it) and the upsert frames the bridge reads (cells typed, epoch
 * milliseconds as microseconds, BIRTHDATE as days).
 */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import type { ModelDefinition } from '../../../src/model/types.js';
import { upsertFrame } from '../../../src/sinks/kudu/frames.js';
import { kuduOptions } from '../../../src/sinks/kudu/options.js';
import { sinkFor } from '../../../src/sinks/registry.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const MASTERS = { KUDU_MASTERS: '127.0.0.1:7051' };
const ctxOf = (model: ModelDefinition, properties: Record<string, string> = MASTERS) => sinkCtx(model, properties, 10, 1, randomUUID());

test('KUDU_PRIMARY_KEYS columns come first in key order; without hash or range keys the key is hashed into KUDU_BUCKETS', (t) => {
  const o = kuduOptions(ctxOf(customerModel('customer', { KUDU_TABLE_NAME: 'datagen.c' }, { KUDU_PRIMARY_KEYS: 'email,id', KUDU_BUCKETS: '4' })));
  t.like(o, { masters: '127.0.0.1:7051', table: 'datagen.c', primaryKeys: ['email', 'id'], hashKeys: ['email', 'id'], rangeKeys: [], buckets: 4, replicas: 1, buffer: 100_001, flush: 'MANUAL_FLUSH', deletePrevious: false });
  t.deepEqual(o.columns.map((c) => [c.name, c.type, c.key]), [
    ['email', 'STRING', true], ['id', 'STRING', true], ['name', 'STRING', false], ['age', 'INT32', false], ['account', 'INT64', false],
    ['balance', 'DOUBLE', false], ['active', 'BOOL', false], ['created', 'UNIXTIME_MICROS', false], ['seen', 'UNIXTIME_MICROS', false], ['token', 'BINARY', false],
  ]);
  const ranged = kuduOptions(ctxOf(customerModel('customer', {}, { KUDU_PRIMARY_KEYS: 'id,age', KUDU_RANGE_KEYS: 'age', KUDU_FLUSH: 'auto_flush_sync' })));
  t.like(ranged, { table: 'customer', hashKeys: [], rangeKeys: ['age'], flush: 'AUTO_FLUSH_SYNC' });
});

test('without KUDU_PRIMARY_KEYS the key is the derived datagen_row_id column', (t) => {
  const o = kuduOptions(ctxOf(customerModel('customer')));
  t.deepEqual(o.columns[0], { name: 'datagen_row_id', type: 'STRING', key: true, derived: true });
  t.deepEqual(o.hashKeys, ['datagen_row_id']);
});

test('wrong keys are 400s naming the key', (t) => {
  const bad = (options: Record<string, string>, tableNames: Record<string, string> = {}, properties = MASTERS) => {
    const err = t.throws(() => sinkFor('kudu').validate(ctxOf(customerModel('customer', tableNames, options), properties)));
    t.true(err instanceof BadRequestError, String(err));
    return err!.message;
  };
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'nope' }), /^Options\.KUDU_PRIMARY_KEYS names "nope", which is not an output column/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'balance' }), /^Options\.KUDU_PRIMARY_KEYS names "balance" \(FLOAT, Kudu DOUBLE\)/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'active' }), /^Options\.KUDU_PRIMARY_KEYS names "active" \(BOOLEAN, Kudu BOOL\)/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_HASH_KEYS: 'name' }), /^Options\.KUDU_HASH_KEYS names "name", which is not a column of KUDU_PRIMARY_KEYS/);
  t.regex(bad({ KUDU_RANGE_KEYS: 'age' }), /^Options\.KUDU_RANGE_KEYS names "age", which is not a column of the key \(datagen_row_id/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: '1' }), /^Options\.KUDU_BUCKETS must be at least 2/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_BUCKETS: 'many' }), /^Options\.KUDU_BUCKETS must be a positive integer/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_REPLICAS: '2' }), /^Options\.KUDU_REPLICAS must be odd/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_BUFFER: '0' }), /^Options\.KUDU_BUFFER must be a positive integer/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id', KUDU_FLUSH: 'SOMETIMES' }), /^Options\.KUDU_FLUSH must be one of MANUAL_FLUSH, AUTO_FLUSH_SYNC, AUTO_FLUSH_BACKGROUND/);
  t.regex(bad({ KUDU_PRIMARY_KEYS: 'id,id' }), /^Options\.KUDU_PRIMARY_KEYS names a column twice/);
  t.regex(bad({}, { KUDU_USE_KERBEROS: 'true' }), /^Table_Names\.KUDU_USE_KERBEROS/);
  t.regex(bad({}, { KUDU_TABLE_NAME: 'a\nb' }), /^Table_Names\.KUDU_TABLE_NAME/);
  t.regex(bad({}, {}, {} as typeof MASTERS), /the kudu sink needs KUDU_MASTERS/);
  t.regex(bad({}, {}, { KUDU_MASTERS: 'kudu-master' }), /^KUDU_MASTERS entry 1 is not host:port/);
  const named: ModelDefinition = { ...customerModel('m'), fields: [{ name: 'datagen_row_id', type: 'STRING', ghost: false, props: {} }] };
  const err = t.throws(() => sinkFor('kudu').validate(ctxOf(named)));
  t.regex(err!.message, /^Fields\.datagen_row_id is the name of the column the kudu sink adds/);
});

test('an upsert frame carries each cell typed: epoch ms as microseconds, BIRTHDATE as days, a null as an absent cell', (t) => {
  const model: ModelDefinition = {
    name: 'm',
    fields: [
      { name: 'n', type: 'LONG', ghost: false, props: {} },
      { name: 'at', type: 'TIMESTAMP', ghost: false, props: {} },
      { name: 'born', type: 'BIRTHDATE', ghost: false, props: {} },
      { name: 's', type: 'STRING', ghost: false, props: {} },
    ],
    tableNames: { KUDU_TABLE_NAME: 't' },
    options: { KUDU_PRIMARY_KEYS: 'n' },
    primaryKeys: {},
  };
  const o = kuduOptions(ctxOf(model));
  const frame = upsertFrame(o, [{ n: 7n, at: 1_700_000_000_123, born: '1970-01-02', s: null }]);
  t.is(frame.readInt32BE(0), frame.length - 4);
  // After op, masters, table, flush, buffer, the 4 column declarations and the row count: the row's cells.
  let at = 4 + 1 + (4 + 14) + (4 + 1) + 1 + 4 + 4;
  for (const c of o.columns) at += 4 + c.name.length + 1;
  t.is(frame.readInt32BE(at), 1);
  at += 4;
  t.deepEqual([frame[at], frame.readBigInt64BE(at + 1)], [1, 7n]);
  t.deepEqual([frame[at + 9], frame.readBigInt64BE(at + 10)], [1, 1_700_000_000_123_000n]);
  t.deepEqual([frame[at + 18], frame.readInt32BE(at + 19)], [1, 1]);
  t.is(frame[at + 23], 0);
  t.is(frame.length, at + 24);
  const err = t.throws(() => upsertFrame(o, [{ n: 'x', at: 0, born: '1970-01-01', s: '' }]));
  t.regex(err!.message, /^column "n" \(LONG\): cannot store string x as a 64-bit integer/);
});

test('one range key is split at its possible values, or an integer column into four ranges of its min/max; anything else is one range', (t) => {
  const field = (name: string, type: 'STRING' | 'INTEGER' | 'LONG' | 'FLOAT', props: Record<string, unknown>) => ({ name, type, ghost: false, props });
  const splits = (f: ReturnType<typeof field>, options: Record<string, string> = {}) => {
    const model: ModelDefinition = { name: 'm', fields: [f, field('k', 'LONG', {})], tableNames: {}, options: { KUDU_PRIMARY_KEYS: `${f.name},k`, KUDU_RANGE_KEYS: f.name, ...options }, primaryKeys: {} };
    return kuduOptions(ctxOf(model)).rangeSplits;
  };
  t.deepEqual(splits(field('city', 'STRING', { possible_values: ['Paris', 'Berlin', 'Oslo', 'Berlin'] })), ['Oslo', 'Paris']);
  t.deepEqual(splits(field('tier', 'STRING', { possible_values_weighted: { GOLD: 1, BRONZE: 5, SILVER: 2 } })), ['GOLD', 'SILVER']);
  t.deepEqual(splits(field('age', 'INTEGER', { possible_values: [30, 10, 20] })), [20, 30]);
  t.deepEqual(splits(field('age', 'INTEGER', { min: 0, max: 100 })), [25, 50, 75]);
  t.deepEqual(splits(field('n', 'LONG', { min: '-8', max: '8' })), [-4n, 0n, 4n]);
  t.deepEqual(splits(field('age', 'INTEGER', { min: 0, max: 2 })), [], 'narrower than four ranges');
  t.deepEqual(splits(field('city', 'STRING', { possible_values: Array.from({ length: 65 }, (_, i) => `c${i}`) })), [], 'more values than ranges allowed');
  t.deepEqual(splits(field('city', 'STRING', { possible_values: ['a', 'b'] }), { KUDU_RANGE_KEYS: 'city,k' }), [], 'several range keys');
  t.deepEqual(splits(field('name', 'STRING', {})), []);
});

test('KUDU_MASTERS is read as the endpoint check reads it: host:port entries, without a scheme or user-info, in the options and the description', (t) => {
  const ctx = ctxOf(customerModel('customer'), { KUDU_MASTERS: 'kudu://someone:pw@Master-1.Example:7051, 10.0.0.2:7151' });
  t.is(kuduOptions(ctx).masters, 'master-1.example:7051,10.0.0.2:7151');
  t.is(sinkFor('kudu').describe(ctx), 'kudu master-1.example:7051,10.0.0.2:7151 table customer');
  t.false(sinkFor('kudu').describe(ctxOf(customerModel('customer'), { KUDU_MASTERS: 'pw@nohost' })).includes('pw'));
});
