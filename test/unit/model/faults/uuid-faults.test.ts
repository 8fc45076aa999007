/**
 * UUID faults (src/model/faults/): a typed output (PostgreSQL's uuid column, MySQL's CHAR(36)) only gets UUIDs it
 * can store: malformed is out of range (36 hex digits and dashes of a version other than 4), no empty value, and a
 * near duplicate stays a valid v4 UUID; a text output gets wrong types, cut UUIDs and empty ones as well.
 */
import test from 'ava';
import { compileModel } from '../../../../src/model/compile.js';
import { emptyFaultCounts } from '../../../../src/model/faults/counts.js';
import { parseModel } from '../../../../src/model/parse.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const STORABLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const model = parseModel({
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }, { name: 'u', type: 'UUID', null_rate: 0.05, empty_rate: 0.05, malformed_rate: 0.2 }],
  Options: { NEAR_DUPLICATE_RATE: 0.1, NEAR_DUPLICATE_FIELDS: 'u' },
});

test('typed output: every UUID is storable in a uuid column, malformed ones of another version, none empty; text output: all kinds', async (t) => {
  const g = await compileModel(model);
  const typedCounts = emptyFaultCounts();
  const typed = g.generate(9, 0, 20_000, { referenceTime: 0, typedOutput: true, faultCounts: typedCounts });
  const values = typed.map((r) => r.u);
  t.true(values.every((u) => u === null || (typeof u === 'string' && STORABLE.test(u))), 'a uuid column takes every value');
  // A near duplicate copies its source's UUID (perhaps a malformed one) and is counted as a near duplicate only.
  const malformed = typed.filter((r, i) => r.id === i && typeof r.u === 'string' && !V4.test(r.u)).length;
  // A near duplicate of a row whose UUID is null has nothing to change: it is counted as an exact duplicate.
  const copies = typed.filter((r, i) => r.id !== i).length;
  t.is(typedCounts.empty, 0);
  t.is(malformed, typedCounts.malformed, 'each counted malformed UUID is of another version');
  t.true(typedCounts.malformed > 3000 && typedCounts.nearDuplicate > 1500 && copies === typedCounts.nearDuplicate + typedCounts.duplicate, JSON.stringify(typedCounts));

  const textCounts = emptyFaultCounts();
  const text = g.generate(9, 0, 20_000, { referenceTime: 0, faultCounts: textCounts });
  t.true(text.some((r) => r.u === ''), 'empty UUIDs in text output');
  t.true(text.some((r) => typeof r.u === 'number') && text.some((r) => typeof r.u === 'string' && r.u.length > 0 && r.u.length < 36), 'wrong types and cut UUIDs');
  t.true(textCounts.empty > 500, JSON.stringify(textCounts));
  g.dispose?.();
});
