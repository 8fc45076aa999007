/**
 * Given events / when a batch-progress report / then the status view: rows written and progress move while a
 * batch runs, without counting a row twice and without going backwards.
 */
import test from 'ava';
import { applyEvent, foldEvents, type CommandSnapshot } from '../../../src/command/fold.js';
import type { CommandEvent } from '../../../src/events/types.js';
import { statusView } from '../../../src/projection/status-view.js';
import { batchFailed, cancelled, cancelRequested, completed, finished, progress, queued, running, shardCompleted, starting } from '../../helpers/events.js';

const given = (...events: CommandEvent[]): CommandSnapshot => foldEvents(events)!;
const view = (s: CommandSnapshot) => statusView(s, Date.parse('2026-01-01T01:00:00Z'));

/** One batch of 1000 rows, as the original's users submit them. */
const oneBatch = () => [queued({ rows: 1000, batches: 1, threads: 1 }), starting(), running()];

test('given a one-batch command running, when the batch reports rows written, then rowsWritten and progress move before it completes', (t) => {
  const s = given(...oneBatch(), progress(0, 250));
  t.like(view(s), { status: 'RUNNING', rowsWritten: 250, progress: '25.0', batchesCompleted: 0 });
  t.like(view(given(...oneBatch(), progress(0, 250), progress(0, 600))), { rowsWritten: 600, progress: '60.0' });
});

test('when the batch completes, then its rows replace its progress: counted once', (t) => {
  const s = given(...oneBatch(), progress(0, 250), progress(0, 900), completed(0, 1000));
  t.like(view(s), { rowsWritten: 1000, progress: '100.0', batchesCompleted: 1 });
  t.like(view(given(...oneBatch(), progress(0, 900), completed(0, 1000), finished(1000))), { status: 'FINISHED', rowsWritten: 1000, progress: '100.0' });
});

test('a report below the last one (a retried attempt starting over, a late message) is rejected: progress never goes backwards', (t) => {
  const s = given(...oneBatch(), progress(0, 600), batchFailed(0, 1, false));
  const r = applyEvent(s, progress(0, 100));
  t.false(r.accepted);
  t.like(view(s), { rowsWritten: 600, progress: '60.0' });
  t.like(view(given(...oneBatch(), progress(0, 600), batchFailed(0, 1, false), progress(0, 100), progress(0, 700))), { rowsWritten: 700 });
});

test('progress of a completed batch, of a batch outside the command, beyond a batch\'s rows, or before running is rejected', (t) => {
  const done = given(queued({ rows: 1000, batches: 2 }), starting(), running(), completed(0, 1000));
  t.false(applyEvent(done, progress(0, 10)).accepted);
  t.false(applyEvent(done, progress(2, 10)).accepted);
  t.false(applyEvent(done, progress(1, 1001)).accepted);
  t.false(applyEvent(given(queued(), starting()), progress(0, 5)).accepted);
});

test('given several batches, progress adds the running batches\' rows to the completed ones', (t) => {
  const s = given(queued({ rows: 1000, batches: 4, threads: 2 }), starting(), running(), completed(0, 1000), progress(1, 500), progress(2, 250));
  t.like(view(s), { rowsWritten: 1750, progress: '43.8', batchesCompleted: 1 });
});

test('given a sharded batch, completed shards and running shards both count, each shard once', (t) => {
  const S = 65_536; // whole row blocks: three shards of S, S and S / 2 rows
  const start = [queued({ rows: 2.5 * S, shardRows: S, batches: 1, threads: 3 }), starting(), running()];
  const s = given(...start, progress(0, S / 2, 0), progress(0, S / 4, 2), shardCompleted(0, 0, 3, S), progress(0, S / 4, 1));
  t.like(view(s), { rowsWritten: 1.5 * S, progress: '60.0', batchesCompleted: 0 });
  t.false(applyEvent(s, progress(0, S - 1, 0)).accepted, 'a completed shard takes no progress');
  const done = given(...start, shardCompleted(0, 0, 3, S), shardCompleted(0, 1, 3, S), progress(0, S / 4, 2), shardCompleted(0, 2, 3, S / 2));
  t.like(view(done), { rowsWritten: 2.5 * S, batchesCompleted: 1 });
});

test('after a cancel, progress reports change nothing once the command is CANCELLED', (t) => {
  const s = given(...oneBatch(), progress(0, 300), cancelRequested(), cancelled());
  t.false(applyEvent(s, progress(0, 500)).accepted);
  t.like(view(s), { status: 'CANCELLED', rowsWritten: 300 });
});
