/**
 * The streaming ORC writer's own contract, without a reader: the file depends on the rows only (never on how
 * they were split into chunks), chunk() hands out exactly the stripes its rows completed, the file's frame (magic,
 * postscript length byte), errors naming the column, and the ORC_* model options.
 */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import type { ModelDefinition } from '../../../src/model/types.js';
import { orcOptions } from '../../../src/sinks/files/orc/orc-options.js';
import { DEFAULT_ORC_OPTIONS, orcWriter } from '../../../src/sinks/files/orc/orc-writer.js';
import { ORC_COLUMNS, orcRows, writeOrc } from '../../helpers/orc-fixture.js';
import { cols } from '../../helpers/readback-sinks.js';

test('the same rows in chunks of 1, 7, 1000 or all at once give the same bytes', (t) => {
  const rows = orcRows(3000);
  const options = { stripeRows: 1200, compression: 'ZLIB' as const };
  const whole = writeOrc(ORC_COLUMNS, rows, options);
  for (const size of [1, 7, 1000]) t.deepEqual(writeOrc(ORC_COLUMNS, rows, options, size), whole, `chunks of ${size}`);
  // And with stripes cut by size (checked every 1024 rows) rather than by rows.
  const bySize = writeOrc(ORC_COLUMNS, rows, { stripeSize: 50_000 });
  t.deepEqual(writeOrc(ORC_COLUMNS, rows, { stripeSize: 50_000 }, 13), bySize);
});

test('chunk() returns the stripes its rows completed and nothing else; end() the rest', (t) => {
  const rows = orcRows(2500);
  const w = orcWriter(ORC_COLUMNS, { ...DEFAULT_ORC_OPTIONS, stripeRows: 1000 });
  const head = w.head();
  t.deepEqual([...head], [0x4f, 0x52, 0x43]);
  t.is(w.chunk(rows.slice(0, 999)).length, 0, 'no stripe complete yet');
  const first = w.chunk(rows.slice(999, 1001));
  t.true(first.length > 0, 'the 1000th row completes a stripe');
  const second = w.chunk(rows.slice(1001, 2400));
  t.true(second.length > 0);
  t.is(w.chunk([]).length, 0);
  const tail = w.end();
  const file = Buffer.concat([head, first, second, tail]);
  t.deepEqual(file, Buffer.from(writeOrc(ORC_COLUMNS, rows.slice(0, 2400), { stripeRows: 1000 })));
  const psLength = file[file.length - 1]!;
  const ps = file.subarray(file.length - 1 - psLength, file.length - 1);
  t.is(ps.subarray(ps.length - 3).toString('latin1'), 'ORC', 'the postscript ends with its magic field');
});

test('a value that does not fit its column names the column', (t) => {
  const w = orcWriter(cols({ n: 'INTEGER', l: 'LONG' }), DEFAULT_ORC_OPTIONS);
  t.throws(() => w.chunk([{ n: 'abc', l: 1n }]), { instanceOf: TypeError, message: /column "n" \(INTEGER\).*32-bit/ });
  const w2 = orcWriter(cols({ n: 'INTEGER', l: 'LONG' }), DEFAULT_ORC_OPTIONS);
  t.throws(() => w2.chunk([{ n: 1, l: 2n ** 63n }]), { instanceOf: TypeError, message: /column "l" \(LONG\).*64-bit/ });
});

function model(options: Record<string, string>): ModelDefinition {
  return { name: 'm', fields: [], tableNames: {}, options, primaryKeys: {} };
}

test('ORC options: defaults, values, and a 400 naming the key', (t) => {
  t.deepEqual(orcOptions(model({})), DEFAULT_ORC_OPTIONS);
  t.deepEqual(orcOptions(model({ ORC_COMPRESSION: 'zstd', ORC_STRIPE_SIZE: '1048576', ORC_STRIPE_ROWS: '5000', ORC_COMPRESSION_BLOCK_SIZE: '65536' })), {
    compression: 'ZSTD', stripeSize: 1_048_576, stripeRows: 5000, blockSize: 65_536,
  });
  t.is(orcOptions(model({ ORC_COMPRESSION: 'none' })).compression, 'NONE');
  t.is(orcOptions(model({ ORC_COMPRESSION: 'Snappy' })).compression, 'SNAPPY');
  for (const [key, value] of [['ORC_COMPRESSION', 'lz4'], ['ORC_STRIPE_SIZE', '0'], ['ORC_STRIPE_ROWS', 'many'], ['ORC_COMPRESSION_BLOCK_SIZE', '8388608']]) {
    const err = t.throws(() => orcOptions(model({ [key!]: value! })), { instanceOf: BadRequestError });
    t.regex(err!.message, new RegExp(`Options\\.${key}`));
  }
});
