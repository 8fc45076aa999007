/** A rate-controlled command's clock: TIMESTAMP reads each row's scheduled instant, formulas the chunk's first row's. */
import test from 'ava';
import { compileModel } from '../../../src/model/compile.js';
import { parseModel } from '../../../src/model/parse.js';

test('with a row clock, TIMESTAMP is the row\'s instant and Date.now() in a formula the first row\'s of its chunk', async (t) => {
  const g = await compileModel(parseModel({ Fields: [{ name: 'ts', type: 'TIMESTAMP' }, { name: 'f', type: 'TIMESTAMP', formula: 'Date.now()' }] }), { dataDirs: [], formulaLimits: { timeoutMs: 10_000 } });
  try {
    const clock = (row: number) => 1_800_000_000_000 + row * 7;
    const rows = g.generate(1, 2, 5, { referenceTime: 1_700_000_000_000, clock });
    t.deepEqual(rows.map((r) => r.ts), [10, 11, 12, 13, 14].map(clock));
    t.deepEqual(rows.map((r) => r.f), rows.map(() => clock(10)));
    // Without one, as before: the reference time plus the step per row.
    t.deepEqual(g.generate(1, 2, 2, { referenceTime: 1_700_000_000_000 }).map((r) => r.ts), [1_700_000_000_004, 1_700_000_000_005]);
  } finally {
    g.dispose?.();
  }
});
