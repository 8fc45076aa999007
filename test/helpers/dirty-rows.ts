/**
 * Dirty data read back from a sink (docs/dirty-data.md): one model with every per-cell fault on typed columns
 * (text, int, long, double, boolean, timestamp) and exact duplicates, and the faults its rows hold counted from
 * the rows alone, whatever order the sink gives them back in, to compare with /command/get's `faults`.
 *
 * A clean row is recognisable: its `id` is its index, `s` has 10 characters, `n` is in 0..100, `l` in 0..1000, `f`
 * in (0, 1), `u` a version-4 UUID, and `ts` is t0 + id × STEP. A duplicate repeats an earlier row whole, id included: rows sharing an id
 * are one row and its copies. A malformed cell is one that is neither clean nor null (nor empty, for `s`).
 */
import type { ExecutionContext } from 'ava';

export const DIRTY_STEP = 1000;
export const DIRTY_DELAY = 60_000;
const TEXT_LENGTH = 10;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The model; `typed` sinks never get wrong_type, so `n` also asks for it to show that it is left out there. */
export function dirtyModel(name: string, tableNames: Record<string, string> = {}, options: Record<string, string> = {}): string {
  return JSON.stringify({
    model_name: name,
    Fields: [
      { name: 'id', type: 'INCREMENT_INTEGER' },
      { name: 's', type: 'STRING', length: TEXT_LENGTH, null_rate: 0.1, empty_rate: 0.05, malformed_rate: 0.05 },
      { name: 'n', type: 'INTEGER', min: 0, max: 100, null_rate: 0.05, malformed_rate: 0.1, malformed: ['wrong_type', 'out_of_range'] },
      { name: 'l', type: 'LONG', min: 0, max: 1000, null_rate: 0.05, malformed_rate: 0.05, malformed: ['out_of_range'] },
      { name: 'f', type: 'FLOAT', min: 0, max: 1, null_rate: 0.05, malformed_rate: 0.05 },
      { name: 'b', type: 'BOOLEAN', null_rate: 0.1 },
      { name: 'u', type: 'UUID', null_rate: 0.05, empty_rate: 0.05, malformed_rate: 0.1 },
      { name: 'ts', type: 'TIMESTAMP', late_rate: 0.2, late_by: { distribution: 'fixed', ms: DIRTY_DELAY } },
    ],
    Table_Names: tableNames,
    Options: { TIMESTAMP_STEP_MS: String(DIRTY_STEP), DUPLICATE_RATE: '0.05', ...options },
  });
}

/** A row as read back: numbers as numbers (a LONG as a number or its text), the instant in epoch ms. */
export interface DirtyRow { id: number; s: unknown; n: unknown; l: unknown; f: unknown; b: unknown; u: unknown; ts: number }

export interface DirtyCounts { null: number; empty: number; malformed: number; late: number; duplicate: number; nearDuplicate: number }

const asNumber = (v: unknown) => (typeof v === 'bigint' || (typeof v === 'string' && /^-?\d+$/.test(v)) ? Number(v) : v);

/** The cell's fault as the row shows it. */
function cellFaults(r: DirtyRow, c: DirtyCounts): void {
  for (const v of [r.s, r.n, r.l, r.f, r.b, r.u]) if (v === null) c.null++;
  for (const v of [r.s, r.u]) if (v === '') c.empty++;
  if (r.s !== null && r.s !== '' && (typeof r.s !== 'string' || r.s.length !== TEXT_LENGTH)) c.malformed++;
  if (r.n !== null && (typeof r.n !== 'number' || !Number.isInteger(r.n) || r.n < 0 || r.n > 100)) c.malformed++;
  const l = asNumber(r.l);
  if (l !== null && (typeof l !== 'number' || l < 0 || l > 1000)) c.malformed++;
  // FLOAT faults in a typed column: truncated (the decimals dropped: 0) or out of range (above 1).
  if (r.f !== null && (typeof r.f !== 'number' || r.f <= 0 || r.f >= 1)) c.malformed++;
  if (r.b !== null && typeof r.b !== 'boolean') c.malformed++;
  if (r.u !== null && r.u !== '' && (typeof r.u !== 'string' || !UUID_V4.test(r.u))) c.malformed++;
}

/**
 * The faults `rows` hold, in any order; `wrongTypes`: how many cells hold a value of another type than their
 * column's (0 expected of a typed sink). `duplicatesRepeat`: every row sharing an id is the same row.
 */
export function dirtyFaultsIn(rows: DirtyRow[]): { counts: DirtyCounts; duplicatesRepeat: boolean; wrongTypes: number; ids: number } {
  const counts: DirtyCounts = { null: 0, empty: 0, malformed: 0, late: 0, duplicate: 0, nearDuplicate: 0 };
  const byId = new Map<number, DirtyRow[]>();
  for (const r of rows) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
  const offsets = new Map<number, number>();
  for (const r of rows) offsets.set(r.ts - r.id * DIRTY_STEP, (offsets.get(r.ts - r.id * DIRTY_STEP) ?? 0) + 1);
  // The clean instants are t0 + id × STEP: t0 is the offset most rows have.
  const t0 = [...offsets].sort((a, b) => b[1] - a[1])[0]![0];
  let duplicatesRepeat = true;
  let wrongTypes = 0;
  for (const group of byId.values()) {
    const r = group[0]!;
    counts.duplicate += group.length - 1;
    const text = JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    if (group.some((g) => JSON.stringify(g, (_k, v) => (typeof v === 'bigint' ? String(v) : v)) !== text)) duplicatesRepeat = false;
    cellFaults(r, counts);
    if (r.ts === t0 + r.id * DIRTY_STEP - DIRTY_DELAY) counts.late++;
    else if (r.ts !== t0 + r.id * DIRTY_STEP) counts.malformed += 1000; // neither clean nor late: fails the comparison
    if (r.s !== null && typeof r.s !== 'string') wrongTypes++;
    if (r.n !== null && typeof r.n !== 'number') wrongTypes++;
    if (r.b !== null && typeof r.b !== 'boolean') wrongTypes++;
    if (r.u !== null && typeof r.u !== 'string') wrongTypes++;
  }
  return { counts, duplicatesRepeat, wrongTypes, ids: byId.size };
}

/**
 * What every typed sink's dirty-data test asserts of the rows it read back: all of them there, duplicates that are
 * earlier rows again, no value of the wrong type, every kind of fault present, and the counts /command/get reports.
 */
export function assertTypedDirtyRows(t: ExecutionContext, rows: DirtyRow[], expectedRows: number, reported: unknown): DirtyCounts {
  t.is(rows.length, expectedRows);
  const seen = dirtyFaultsIn(rows);
  t.true(seen.duplicatesRepeat, 'a duplicate is an earlier row again');
  t.is(seen.wrongTypes, 0, 'a typed sink holds no value of the wrong type');
  t.deepEqual(reported, seen.counts);
  const c = seen.counts;
  t.true(c.null > 0 && c.empty > 0 && c.malformed > 0 && c.late > 0 && c.duplicate > 0, JSON.stringify(c));
  return c;
}
