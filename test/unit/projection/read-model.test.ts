/** The read model and status views: folds of stored events into what the REST API answers. */
import test from 'ava';
import type { CommandEvent, StoredEvent } from '../../../src/events/types.js';
import { ReadModel } from '../../../src/projection/read-model.js';
import { formatDuration, statusView } from '../../../src/projection/status-view.js';
import { completed, failed, finished, queued, running, starting, UUID } from '../../helpers/events.js';

function replay(events: CommandEvent[]): ReadModel {
  const rm = new ReadModel();
  events.forEach((e, i) => rm.apply({ ...e, seq: i + 1 } as StoredEvent));
  return rm;
}

test('status view of a finished command has the seed page shape with progress "100.0"', (t) => {
  const rm = replay([queued(), starting(), running(), completed(0), completed(1), completed(2), finished()]);
  const view = statusView(rm.get(UUID)!);
  t.is(view.commandUuid, UUID);
  t.is(view.status, 'FINISHED');
  t.is(view.comment, '');
  t.is(view.progress, '100.0');
  t.regex(view.duration, /^\d+ms$/);
  t.is(view.rowsWritten, 30);
});

test('progress moves per completed batch, with one decimal', (t) => {
  const rm = replay([queued(), starting(), running(), completed(0)]);
  t.is(statusView(rm.get(UUID)!).progress, '33.3');
  t.is(statusView(rm.get(UUID)!).status, 'RUNNING');
});

test('a failed command carries its reason as comment', (t) => {
  const rm = replay([queued(), starting(), failed('kafka 127.0.0.1:1: prepare failed: connection refused')]);
  const view = statusView(rm.get(UUID)!);
  t.is(view.status, 'FAILED');
  t.is(view.comment, 'kafka 127.0.0.1:1: prepare failed: connection refused');
});

test('rejected events are counted and do not change the view', (t) => {
  const rm = replay([queued(), starting(), running(), completed(0), completed(0)]);
  t.is(rm.rejected, 1);
  t.is(statusView(rm.get(UUID)!).batchesCompleted, 1);
});

test('an event already applied (same or lower seq) is ignored: replays are idempotent', (t) => {
  const rm = new ReadModel();
  const q = { ...queued(), seq: 1 } as StoredEvent;
  rm.apply(q);
  rm.apply(q);
  t.is(rm.appliedSeq, 1);
  t.is(rm.all().length, 1);
});

test('byStatus and countsByStatus group commands', (t) => {
  const other = '99999999-2222-4333-8444-555555555555';
  const rm = replay([queued(), queued({}, other), starting()]);
  t.is(rm.byStatus('STARTING').length, 1);
  t.is(rm.byStatus('QUEUED').length, 1);
  t.is(rm.countsByStatus().QUEUED, 1);
  t.is(rm.countsByStatus().FINISHED, 0);
});

test('waitFor resolves once the sequence is applied', async (t) => {
  const rm = new ReadModel();
  let done = false;
  const p = rm.waitFor(2).then(() => (done = true));
  rm.apply({ ...queued(), seq: 1 } as StoredEvent);
  await Promise.resolve();
  t.false(done);
  rm.apply({ ...starting(), seq: 2 } as StoredEvent);
  await p;
  t.true(done);
});

test('durations are formatted like the seed page', (t) => {
  t.is(formatDuration(3), '3ms');
  t.is(formatDuration(2400), '2.4s');
  t.is(formatDuration(125_000), '2m5s');
});
