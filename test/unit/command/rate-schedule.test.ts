/** The pace of a rate-controlled command: row index → instant, for a steady rate, a ramp and a burst. */
import test from 'ava';
import { allowedBy, offsetOfRow, peakRate, rateAt, rowsWithin } from '../../../src/command/rate-schedule.js';

test('a steady rate sends row i at i / rate seconds', (t) => {
  const spec = { rowsPerSecond: 1000 };
  t.is(offsetOfRow(spec, 0), 0);
  t.is(offsetOfRow(spec, 1), 1);
  t.is(offsetOfRow(spec, 999), 999);
  t.is(offsetOfRow(spec, 50_000), 50_000);
  t.is(rateAt(spec, 12_345), 1000);
});

test('a fractional rate spaces rows by more than a second', (t) => {
  t.is(offsetOfRow({ rowsPerSecond: 0.5 }, 3), 6000);
});

test('rows within a duration are those whose instant comes before its end', (t) => {
  t.is(rowsWithin({ rowsPerSecond: 1000 }, 10_000), 10_000);
  t.is(rowsWithin({ rowsPerSecond: 3 }, 1000), 3);
  t.is(rowsWithin({ rowsPerSecond: 1000 }, 0), 0);
  // Every counted row is before the end, the next one is not.
  const spec = { rowsPerSecond: 700, endRowsPerSecond: 2100, rampSeconds: 4 };
  const n = rowsWithin(spec, 5000);
  t.true(offsetOfRow(spec, n - 1) < 5000);
  t.true(offsetOfRow(spec, n) >= 5000);
});

test('a ramp goes linearly from its start rate to its end rate, then stays there', (t) => {
  const spec = { rowsPerSecond: 1000, endRowsPerSecond: 3000, rampSeconds: 10 };
  t.is(rateAt(spec, 0), 1000);
  t.is(rateAt(spec, 5000), 2000);
  t.is(rateAt(spec, 10_000), 3000);
  t.is(rateAt(spec, 60_000), 3000);
  // The ramp's rows: the area under the rate, (1000 + 3000) / 2 × 10 s; then 3000 a second.
  t.is(allowedBy(spec, 10_000), 20_000);
  t.is(allowedBy(spec, 11_000), 23_000);
  t.is(peakRate(spec), 3000);
});

test('the instant of a row inverts the rows allowed, up and down a ramp', (t) => {
  for (const spec of [{ rowsPerSecond: 1000, endRowsPerSecond: 3000, rampSeconds: 10 }, { rowsPerSecond: 5000, endRowsPerSecond: 100, rampSeconds: 3 }]) {
    for (const row of [1, 17, 999, 4321, 12_000, 20_000, 30_000]) {
      t.true(Math.abs(allowedBy(spec, offsetOfRow(spec, row)) - row) < 1e-6, `row ${row}`);
    }
  }
  // Instants never go backwards.
  const spec = { rowsPerSecond: 5000, endRowsPerSecond: 100, rampSeconds: 3 };
  let last = -1;
  for (let row = 0; row < 10_000; row += 7) {
    const at = offsetOfRow(spec, row);
    t.true(at >= last);
    last = at;
  }
});

test('a burst lets its first rows go at once, then follows the rate', (t) => {
  const spec = { rowsPerSecond: 100, burst: 50 };
  t.is(offsetOfRow(spec, 0), 0);
  t.is(offsetOfRow(spec, 49), 0);
  t.is(offsetOfRow(spec, 50), 10);
  t.is(offsetOfRow(spec, 149), 1000);
  t.is(rowsWithin(spec, 1000), 149);
});

test('an end rate without a ramp duration is no ramp', (t) => {
  t.is(rateAt({ rowsPerSecond: 10, endRowsPerSecond: 99 }, 0), 10);
  t.is(offsetOfRow({ rowsPerSecond: 10, endRowsPerSecond: 99 }, 10), 1000);
});
