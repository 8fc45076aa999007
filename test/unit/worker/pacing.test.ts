/** Pacing a rate-controlled batch: slices of a chunk, each written only once its last row's instant has come. */
import test from 'ava';
import { pacedClock, pacedSpanMs, PacingStopped, slicesOf, writePaced } from '../../../src/activities/pacing.js';
import { offsetOfRow } from '../../../src/command/rate-schedule.js';
import { ManualClock } from '../../../src/memory/manual-clock.js';

const START = Date.UTC(2026, 0, 1);

test('a chunk is cut into slices of about 20 ms of the schedule, each not before its last row\'s instant', (t) => {
  const pace = { rate: { rowsPerSecond: 1000 }, startsAt: START };
  const slices = slicesOf(pace, 100, 100);
  t.deepEqual(slices.map((s) => [s.from, s.to]), [[0, 20], [20, 40], [40, 60], [60, 80], [80, 100]]);
  t.deepEqual(slices.map((s) => s.notBefore - START), [119, 139, 159, 179, 199]);
});

test('a burst is never cut: a slice holds at least the burst', (t) => {
  const slices = slicesOf({ rate: { rowsPerSecond: 100, burst: 30 }, startsAt: START }, 0, 70);
  t.deepEqual(slices.map((s) => [s.from, s.to, s.notBefore - START]), [[0, 30, 0], [30, 60, 300], [60, 70, 400]]);
});

test('writePaced writes each slice only once the clock reaches its instant, in order, every row once', async (t) => {
  const clock = new ManualClock(START);
  const pace = { rate: { rowsPerSecond: 1000 }, startsAt: START };
  const rows = Array.from({ length: 60 }, (_, i) => i);
  const written: Array<{ at: number; rows: number[] }> = [];
  const done = writePaced(pace, 0, rows, async (slice) => void written.push({ at: clock.now(), rows: slice }), clock);
  await Promise.resolve();
  t.is(written.length, 0, 'the first slice waits for its last row (19 ms)');
  for (let i = 0; i < 10 && written.length < 3; i++) {
    clock.advance(10);
    await new Promise((r) => setImmediate(r));
  }
  await done;
  t.deepEqual(written.flatMap((w) => w.rows), rows);
  for (const w of written) t.true(w.at >= START + offsetOfRow(pace.rate, w.rows[w.rows.length - 1]!), `slice ending at ${w.rows.at(-1)} written at ${w.at - START}`);
});

test('a batch that is behind its schedule writes at once', async (t) => {
  const clock = new ManualClock(START + 60_000);
  const written: number[][] = [];
  await writePaced({ rate: { rowsPerSecond: 10 }, startsAt: START }, 0, [1, 2, 3], async (slice) => void written.push(slice), clock);
  t.deepEqual(written, [[1], [2], [3]]);
});

test('TIMESTAMP of a paced row: its instant from the reference time (seeded) or from the pace\'s origin (no seed)', (t) => {
  const pace = { rate: { rowsPerSecond: 4 }, startsAt: START + 5000 };
  t.is(pacedClock(pace, START, false)(10), START + 2500);
  t.is(pacedClock(pace, START, true)(10), START + 5000 + 2500);
});

test('a paced batch needs the time until its last row\'s instant', (t) => {
  const pace = { rate: { rowsPerSecond: 100 }, startsAt: START };
  t.is(pacedSpanMs(pace, 200, 100, START), 2990);
  t.is(pacedSpanMs(pace, 200, 100, START + 10_000), 0);
});

test('a stopped paced write gives up before its next slice, even while waiting for it', async (t) => {
  const clock = new ManualClock(START);
  const stop = new AbortController();
  const written: number[][] = [];
  const done = writePaced({ rate: { rowsPerSecond: 10 }, startsAt: START }, 0, [1, 2, 3], async (slice) => void written.push(slice), clock, stop.signal);
  await new Promise((r) => setImmediate(r));
  t.deepEqual(written, [[1]], 'row 0 is due at once');
  stop.abort();
  clock.advance(250);
  await t.throwsAsync(done, { instanceOf: PacingStopped });
  t.deepEqual(written, [[1]]);
});
