/** Given an attempt's chunks / when time passes / then the progress reports: at most one per interval, none for short batches. */
import test from 'ava';
import { ManualClock } from '../../../src/memory/manual-clock.js';
import { ProgressReporter } from '../../../src/worker/progress-reporter.js';

function reporter(totalRows = 100_000) {
  const clock = new ManualClock();
  const sent: number[] = [];
  const r = new ProgressReporter(clock, 1000, totalRows, async (rows) => void sent.push(rows));
  return { clock, sent, r };
}

test('a batch whose chunks all come within the first interval reports nothing', (t) => {
  const { clock, sent, r } = reporter();
  for (let rows = 10_000; rows < 100_000; rows += 10_000) {
    r.update(rows);
    clock.advance(100);
  }
  t.deepEqual(sent, []);
});

test('a long batch reports the rows written at most once per interval, counted from its first chunk', async (t) => {
  const { clock, sent, r } = reporter();
  r.update(1000);
  clock.advance(600);
  r.update(2000);
  clock.advance(600);
  r.update(3000);
  await new Promise((resolve) => setImmediate(resolve)); // the report of 3000 is stored
  clock.advance(300);
  r.update(4000);
  clock.advance(800);
  r.update(5000);
  t.deepEqual(sent, [3000, 5000]);
});

test('the last rows are never reported: the completion says them', (t) => {
  const { clock, sent, r } = reporter(5000);
  r.update(1000);
  clock.advance(5000);
  r.update(5000);
  t.deepEqual(sent, []);
});

test('one report at a time, and none after stop, which waits for the one in flight', async (t) => {
  const clock = new ManualClock();
  const sent: number[] = [];
  let finish!: () => void;
  const r = new ProgressReporter(clock, 1000, 100_000, (rows) => {
    sent.push(rows);
    return new Promise<void>((resolve) => (finish = resolve));
  });
  r.update(1);
  clock.advance(1000);
  r.update(2);
  clock.advance(1000);
  r.update(3);
  t.deepEqual(sent, [2], 'the second waits for the first to be stored');
  let stopped = false;
  const stopping = r.stop().then(() => (stopped = true));
  await Promise.resolve();
  t.false(stopped);
  finish();
  await stopping;
  clock.advance(1000);
  r.update(4);
  t.deepEqual(sent, [2]);
});

test('a report that fails to be stored is dropped; the next interval reports again', async (t) => {
  const clock = new ManualClock();
  const sent: number[] = [];
  const r = new ProgressReporter(clock, 1000, 100_000, async (rows) => {
    sent.push(rows);
    if (rows === 2) throw new Error('event log unreachable');
  });
  r.update(1);
  clock.advance(1000);
  r.update(2);
  await new Promise((resolve) => setImmediate(resolve));
  clock.advance(1000);
  r.update(3);
  await r.stop();
  t.deepEqual(sent, [2, 3]);
});
