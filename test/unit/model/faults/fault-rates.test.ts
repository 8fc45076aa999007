/**
 * Dirty data on purpose (src/model/faults/): each rate measured on 100,000 rows against the same model without
 * faults, the clean cells unchanged, duplicates repeating an earlier row, and the counts equal to what the rows hold.
 */
import test from 'ava';
import { compileModel } from '../../../../src/model/compile.js';
import { emptyFaultCounts } from '../../../../src/model/faults/counts.js';
import { parseModel } from '../../../../src/model/parse.js';
import type { Row } from '../../../../src/model/types.js';

const REF = Date.UTC(2026, 0, 1);
const ROWS = 100_000;
const SEED = 4242;

const fields = [
  { name: 'id', type: 'UUID' },
  { name: 's', type: 'STRING', length: 12, null_rate: 0.1, empty_rate: 0.05, malformed_rate: 0.03, malformed: ['truncated'] },
  { name: 'n', type: 'INTEGER', min: 0, max: 100, null_rate: 0.02, malformed_rate: 0.1, malformed: ['out_of_range'] },
  { name: 'ts', type: 'TIMESTAMP', late_rate: 0.2, late_by: { distribution: 'uniform', min_ms: 1000, max_ms: 5000 } },
];
const dirty = parseModel({ Fields: fields, Options: { DUPLICATE_RATE: 0.05, NEAR_DUPLICATE_RATE: '0.03', NEAR_DUPLICATE_FIELDS: 's,n' } });
const clean = parseModel({ Fields: fields.map((f) => ({ name: f.name, type: f.type, ...(f.length ? { length: f.length } : {}), ...(f.type === 'INTEGER' ? { min: 0, max: 100 } : {}) })) });

const near = (t: import('ava').ExecutionContext, share: number, rate: number, what: string) => t.true(Math.abs(share - rate) < 0.005, `${what}: ${share} for a rate of ${rate}`);

test('each fault appears at its rate, clean cells are the clean model\'s, and the counts are what the rows hold', async (t) => {
  const [g, c] = await Promise.all([compileModel(dirty), compileModel(clean)]);
  const counts = emptyFaultCounts();
  const rows = g.generate(SEED, 0, ROWS, { referenceTime: REF, faultCounts: counts });
  const cleanRows = c.generate(SEED, 0, ROWS, { referenceTime: REF });
  const seen = new Map<string, Row>();
  const emitted = new Map<string, Row[]>();
  const seen2 = { exact: 0, near: 0, null: 0, empty: 0, truncated: 0, outOfRange: 0, late: 0, firsts: 0 };
  rows.forEach((row, r) => {
    const earlier = emitted.get(row.id as string);
    if (earlier) {
      // A duplicate repeats an earlier row, which may itself be one: compare with each emission of that id.
      const differ = earlier.map((e) => (e.ts === row.ts ? Number(e.s !== row.s) + Number(e.n !== row.n) : 9));
      t.true(Math.min(...differ) <= 1, `row ${r} repeats an earlier row, or differs from one in one field`);
      if (differ.includes(0)) seen2.exact++;
      else seen2.near++;
      earlier.push(row);
      return;
    }
    emitted.set(row.id as string, [row]);
    seen.set(row.id as string, row);
    const k = cleanRows[r]!;
    t.is(row.id, k.id);
    seen2.firsts++;
    if (row.s === null) seen2.null++;
    else if (row.s === '') seen2.empty++;
    else if (row.s !== k.s) {
      t.true((k.s as string).startsWith(row.s as string), 'a truncated text is a prefix of the clean one');
      seen2.truncated++;
    }
    if (row.n !== null && row.n !== k.n) {
      t.true((row.n as number) > 100, `out of range: ${String(row.n)}`);
      seen2.outOfRange++;
    }
    if (row.ts !== k.ts) {
      const delay = (k.ts as number) - (row.ts as number);
      t.true(delay >= 1000 && delay <= 5000, `delay ${delay}`);
      seen2.late++;
    }
  });
  const firsts = seen2.firsts;
  const nNulls = rows.filter((row, r) => row.n === null && seen.get(row.id as string) === row).length;
  near(t, seen2.exact / ROWS, 0.05, 'exact duplicates');
  near(t, seen2.near / ROWS, 0.03, 'near duplicates');
  near(t, seen2.null / firsts, 0.1, 'null s');
  near(t, seen2.empty / firsts, 0.05, 'empty s');
  near(t, seen2.truncated / firsts, 0.03, 'truncated s');
  near(t, nNulls / firsts, 0.02, 'null n');
  near(t, seen2.outOfRange / firsts, 0.1, 'out-of-range n');
  near(t, seen2.late / firsts, 0.2, 'late ts');
  const { duplicate, nearDuplicate, ...cells } = counts;
  t.deepEqual(cells, { null: seen2.null + nNulls, empty: seen2.empty, malformed: seen2.truncated + seen2.outOfRange, late: seen2.late });
  t.is(duplicate + nearDuplicate, seen2.exact + seen2.near);
  // A near duplicate of a near duplicate can change the text back (a swap swapped again): it then reads as exact.
  t.true(nearDuplicate >= seen2.near && nearDuplicate - seen2.near < seen2.near / 50, `near duplicates ${nearDuplicate} counted, ${seen2.near} seen`);
  g.dispose?.();
  c.dispose?.();
});

test('faults are a pure function of seed and row: the same for any range a batch is generated in', async (t) => {
  const g = await compileModel(dirty);
  const whole = emptyFaultCounts();
  const all = g.generate(SEED, 2, 40_000, { referenceTime: REF, faultCounts: whole });
  t.deepEqual(g.generate(SEED, 2, 40_000, { referenceTime: REF }), all, 'the same rows again');
  const halves = emptyFaultCounts();
  const parts: Row[] = [];
  for (const range of [{ firstRow: 0, rows: 16_384 }, { firstRow: 16_384, rows: 40_000 - 16_384 }]) {
    for (const chunk of g.chunks(SEED, 2, 40_000, range, { referenceTime: REF, faultCounts: halves })) parts.push(...chunk);
  }
  t.deepEqual(parts, all, 'two shards give the rows of the whole batch');
  t.deepEqual(halves, whole, 'and the same counts');
  t.notDeepEqual(g.generate(SEED + 1, 2, 1000, { referenceTime: REF }), all.slice(0, 1000), 'another seed, other rows');
  g.dispose?.();
});

test('a typed output never gets a value of the wrong type; a text output does', async (t) => {
  const model = parseModel({ Fields: [{ name: 'n', type: 'INTEGER', min: 0, max: 9, malformed_rate: 0.5 }, { name: 'b', type: 'BOOLEAN', malformed_rate: 0.5 }] });
  const g = await compileModel(model);
  const typedCounts = emptyFaultCounts();
  const typed = g.generate(1, 0, 20_000, { referenceTime: REF, typedOutput: true, faultCounts: typedCounts });
  t.true(typed.every((r) => typeof r.n === 'number' && typeof r.b === 'boolean'));
  near(t, typedCounts.malformed / 20_000, 0.5, 'typed: only n is malformed (truncated or out of range)');
  const text = g.generate(1, 0, 20_000, { referenceTime: REF });
  t.true(text.some((r) => typeof r.n === 'string') && text.some((r) => typeof r.b === 'string'));
  g.dispose?.();
});

test('bad fault properties are refused naming the property', (t) => {
  const refused = (field: Record<string, unknown>, options?: Record<string, unknown>) => t.throws(() => parseModel({ Fields: [{ name: 'x', ...field }], ...(options ? { Options: options } : {}) }))?.message ?? '';
  t.regex(refused({ type: 'STRING', null_rate: 1.5 }), /Fields\[0\]\.null_rate.*between 0 and 1/);
  t.regex(refused({ type: 'INTEGER', empty_rate: 0.1 }), /Fields\[0\]\.empty_rate/);
  t.regex(refused({ type: 'STRING', late_rate: 0.1 }), /Fields\[0\]\.late_rate.*TIMESTAMP and DATE/);
  t.regex(refused({ type: 'STRING', malformed_rate: 0.1, malformed: ['bogus'] }), /Fields\[0\]\.malformed\[0\]/);
  t.regex(refused({ type: 'BOOLEAN', malformed_rate: 0.1, malformed: ['truncated'] }), /does not apply/);
  t.regex(refused({ type: 'TIMESTAMP', late_rate: 0.1, late_by: { distribution: 'normal' } }), /late_by\.distribution/);
  t.regex(refused({ type: 'STRING', null_rate: 0.6, empty_rate: 0.6 }), /more than 1/);
  t.regex(refused({ type: 'STRING' }, { DUPLICATE_RATE: 'lots' }), /Options\.DUPLICATE_RATE/);
  t.regex(refused({ type: 'STRING' }, { NEAR_DUPLICATE_RATE: 0.1, NEAR_DUPLICATE_FIELDS: 'y' }), /NEAR_DUPLICATE_FIELDS/);
});

test('a model without faults generates exactly as before (no injection)', async (t) => {
  const g = await compileModel(clean);
  const counts = emptyFaultCounts();
  g.generate(SEED, 0, 1000, { referenceTime: REF, faultCounts: counts });
  t.deepEqual(counts, emptyFaultCounts());
  g.dispose?.();
});
