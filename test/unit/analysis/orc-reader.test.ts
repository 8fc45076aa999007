/**
 * The ORC reader of model analysis on files of the project's own ORC writer: every column kind with nulls, empty
 * strings, unicode, 64-bit extremes, timestamps before 1970; several stripes; each compression the writer has;
 * dictionary and direct strings; a sample limit that stops inside a stripe. Files of Apache's writer are read in
 * test/integration/model-analysis-orc.test.ts.
 */
import test from 'ava';
import type { AsyncBuffer } from 'hyparquet';
import { orcRecords } from '../../../src/analysis/sources/orc-records.js';
import type { Row } from '../../../src/model/types.js';
import { columnKind } from '../../../src/sinks/files/column-kinds.js';
import { ORC_COLUMNS, orcRows, writeOrc } from '../../helpers/orc-fixture.js';

function buffer(bytes: Uint8Array): AsyncBuffer {
  const b = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { byteLength: b.byteLength, slice: (s, e) => b.slice(s, e) };
}

const DAY = 86_400_000;

/** A value as written (the generator's forms) and as read (the reader's), in one comparable form. */
function canonical(kind: string, v: unknown, read: boolean): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case 'bytes':
      return Buffer.from(v as Uint8Array).toString('hex');
    case 'timestamp':
      return v instanceof Date ? v.getTime() : Number(v);
    case 'date': {
      const ms = v instanceof Date ? v.getTime() : Date.parse(`${String(v)}T00:00:00Z`);
      return read ? ms / DAY : Math.floor(ms / DAY);
    }
    case 'int64':
      return BigInt(v as bigint);
    default:
      return v;
  }
}

function expected(rows: Row[]): unknown[] {
  return rows.map((r) => Object.fromEntries(ORC_COLUMNS.map((c) => [c.name, canonical(columnKind(c.type), r[c.name], false)])));
}

async function readAll(bytes: Uint8Array, limit: number) {
  const { columns, records } = await orcRecords(buffer(bytes), limit, 'test.orc');
  const out: unknown[] = [];
  for await (const r of records) out.push(Object.fromEntries(ORC_COLUMNS.map((c) => [c.name, canonical(columnKind(c.type), r[c.name], true)])));
  return { columns, rows: out };
}

for (const compression of ['NONE', 'ZLIB', 'SNAPPY', 'ZSTD'] as const) {
  test(`${compression}: every column kind with nulls and edge values over three stripes reads back equal`, async (t) => {
    const rows = orcRows(2500);
    const { columns, rows: back } = await readAll(writeOrc(ORC_COLUMNS, rows, { compression, stripeRows: 1000 }, 333), 10_000);
    t.deepEqual(columns, [
      { name: 'id', type: 'STRING' }, { name: 'name', type: 'STRING' }, { name: 'age', type: 'INTEGER' }, { name: 'big', type: 'LONG' },
      { name: 'score', type: 'FLOAT' }, { name: 'active', type: 'BOOLEAN' }, { name: 'blob', type: 'BYTES' }, { name: 'md5', type: 'BYTES' },
      { name: 'ts', type: 'DATE' }, { name: 'created', type: 'DATE' }, { name: 'birth', type: 'BIRTHDATE' }, { name: 'day', type: 'STRING' },
      { name: 'city', type: 'STRING' },
    ]);
    t.is(back.length, 2500);
    t.deepEqual(back, expected(rows));
  });
}

test('a sample limit stops inside a stripe, with the rows before it', async (t) => {
  const rows = orcRows(2500);
  const { rows: back } = await readAll(writeOrc(ORC_COLUMNS, rows, { compression: 'ZLIB', stripeRows: 1000 }, 250), 1234);
  t.is(back.length, 1234);
  t.deepEqual(back, expected(rows.slice(0, 1234)));
});

test('bytes that are not ORC are a 400 naming the file', async (t) => {
  const e = await t.throwsAsync(orcRecords(buffer(Buffer.from('a,b\n1,2\n')), 10, 'filepath "x.csv"'));
  t.regex(e!.message, /^filepath "x.csv" is not an ORC file this service reads \(/);
  t.is((e as { status?: number }).status, 400);
});
