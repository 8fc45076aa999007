/** Rows with every storage kind and the awkward values (quotes, separators, newlines, 64-bit extremes, unicode). */
import type { Row } from '../../src/model/types.js';
import { cols } from './readback-sinks.js';

export const FIXTURE_COLUMNS = cols({
  id: 'UUID',
  name: 'STRING',
  age: 'INTEGER',
  big: 'LONG',
  score: 'FLOAT',
  active: 'BOOLEAN',
  blob: 'BYTES',
  md5: 'HASH_MD5',
  ts: 'TIMESTAMP',
  created: 'DATE',
  birth: 'BIRTHDATE',
  day: 'DATE_AS_STRING',
  city: 'CITY',
});

const NAMES = ['plain', 'He said "hi", then\nleft', 'comma, inside', 'Zoë — 東京 🚀', 'tab\there', 'cr\r\nlf', ' spaced ', '"'];
const INTS = [-2147483648, 2147483647, 0, -1, 42];
const LONGS = [-(2n ** 63n), 2n ** 63n - 1n, 9007199254740993n, -9007199254740993n, 0n, 123n];
const FLOATS = [0.1 + 0.2, -1.5e-7, 12345.678, 1e21 + 0.5, -0.25, 3.141592653589793];
const BIRTHS = ['1969-07-20', '2000-02-29', '1900-01-01', '2024-12-31'];

function bytes(seed: number, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (seed * 31 + i * 17 + 0xab) & 0xff;
  return b;
}

export function fixtureRow(batch: number, r: number): Row {
  const k = batch * 1000 + r;
  return {
    id: `00000000-0000-4000-8000-${String(k).padStart(12, '0')}`,
    name: `${NAMES[k % NAMES.length]} #${k}`,
    age: INTS[k % INTS.length]!,
    big: LONGS[k % LONGS.length]!,
    score: FLOATS[k % FLOATS.length]! + k / 7,
    active: k % 3 === 0,
    blob: bytes(k, (k % 5) + 1),
    md5: bytes(k + 7, 16),
    ts: 1700000000123 + k * 1001,
    created: new Date(Date.UTC(2024, 1, 29, 12, 34, 56, 789) + k * 86_400_001),
    birth: BIRTHS[k % BIRTHS.length]!,
    day: `${String((k % 28) + 1).padStart(2, '0')}/07/1969`,
    city: k % 2 ? 'Paris' : 'Köln',
  };
}

export function fixtureBatches(batches: number, rows: number): Row[][] {
  return Array.from({ length: batches }, (_, b) => Array.from({ length: rows }, (_, r) => fixtureRow(b, r)));
}
