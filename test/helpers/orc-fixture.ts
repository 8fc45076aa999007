/**
 * Rows for the ORC tests: the shared read-back fixture (every storage kind, 64-bit extremes, unicode) with nulls
 * spread over every column and the edge values ORC encodes specially (empty strings and bytes, timestamps before
 * 1970 and around ORC's 2015 epoch, dates before 1970), and a helper writing them in chunks of a given size.
 * Timestamps stay before 2262: pyarrow reads ORC timestamps as 64-bit nanoseconds, which end there.
 */
import type { Column, Row, Value } from '../../src/model/types.js';
import { orcWriter, type OrcOptions, DEFAULT_ORC_OPTIONS } from '../../src/sinks/files/orc/orc-writer.js';
import { FIXTURE_COLUMNS, fixtureRow } from './readback-fixture.js';

export const ORC_COLUMNS = FIXTURE_COLUMNS;

const EDGE_TIMESTAMPS = [-1500, -2000, -3_155_760_000_000 + 7, 0, 1_420_070_400_000, 1_420_070_399_999, 1_420_070_400_001, Date.UTC(2262, 0, 1, 0, 0, 0, 1)];
const EDGE_DATES = [new Date(-1001), new Date(-86_400_000 * 365 * 80 - 1), new Date(1_420_070_400_000), new Date(Date.UTC(2261, 11, 31, 23, 59, 59, 999))];

export function orcRow(k: number): Row {
  const row: Record<string, Value> = { ...fixtureRow(0, k) };
  if (k % 11 === 3) Object.assign(row, { name: '', day: '', city: '', blob: new Uint8Array(0) });
  if (k % 13 === 5) Object.assign(row, { name: `𝄞 ￿ \u{10ffff} ${k}`, city: '東京' });
  row.ts = k % 4 === 1 ? EDGE_TIMESTAMPS[(k >> 2) % EDGE_TIMESTAMPS.length]! : (row.ts as number);
  row.created = k % 6 === 2 ? EDGE_DATES[Math.floor(k / 6) % EDGE_DATES.length]! : row.created!;
  // A null in every column somewhere, in several patterns (isolated, runs).
  FIXTURE_COLUMNS.forEach((c, i) => {
    if ((k + i) % 7 === 0 || (k >= 40 + i * 3 && k < 50 + i * 3)) row[c.name] = null;
  });
  return row;
}

export function orcRows(n: number, from = 0): Row[] {
  return Array.from({ length: n }, (_, i) => orcRow(from + i));
}

/** head + chunk(rows in slices of `chunkRows`) + end, as one file. */
export function writeOrc(columns: Column[], rows: Row[], options: Partial<OrcOptions> = {}, chunkRows = rows.length || 1): Uint8Array {
  const w = orcWriter(columns, { ...DEFAULT_ORC_OPTIONS, ...options });
  const parts = [w.head()];
  for (let i = 0; i < rows.length; i += chunkRows) parts.push(w.chunk(rows.slice(i, i + chunkRows)));
  parts.push(w.end());
  return Buffer.concat(parts);
}
