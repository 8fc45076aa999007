/** Given events / when an event / then state and intents: the command machine as a pure decider. */
import test from 'ava';
import { applyEvent, foldEvents, statusOf, contextOf, type CommandSnapshot } from '../../../src/command/fold.js';
import type { CommandEvent } from '../../../src/events/types.js';
import { batchFailed, cancelled, cancelRequested, completed, failed, finished, queued, running, starting } from '../../helpers/events.js';

function given(...events: CommandEvent[]): CommandSnapshot | undefined {
  return foldEvents(events);
}

test('given nothing, when queued, then QUEUED and the orchestrator is asked to start it', (t) => {
  const r = applyEvent(undefined, queued());
  t.true(r.accepted);
  if (!r.accepted) return;
  t.is(statusOf(r.snapshot), 'QUEUED');
  t.deepEqual(r.intents, ['startCommand']);
  t.is(contextOf(r.snapshot).batches, 3);
});

test('given nothing, an event other than queued is rejected', (t) => {
  const r = applyEvent(undefined, starting());
  t.false(r.accepted);
});

test('given queued, when starting, then STARTING and the sink is to be prepared', (t) => {
  const r = applyEvent(given(queued()), starting());
  t.true(r.accepted);
  if (!r.accepted) return;
  t.is(statusOf(r.snapshot), 'STARTING');
  t.deepEqual(r.intents, ['prepareSink']);
  t.truthy(contextOf(r.snapshot).startedAt);
});

test('given starting, when running, then RUNNING and batches are to be dispatched', (t) => {
  const r = applyEvent(given(queued(), starting()), running());
  t.true(r.accepted);
  if (!r.accepted) return;
  t.is(statusOf(r.snapshot), 'RUNNING');
  t.deepEqual(r.intents, ['dispatchBatches']);
});

test('a completed batch is recorded and more batches are dispatched', (t) => {
  const r = applyEvent(given(queued(), starting(), running()), completed(1, 7));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['dispatchBatches']);
  t.is(contextOf(r.snapshot).completedCount, 1);
  t.is(contextOf(r.snapshot).rowsWritten, 7);
});

test('the last completed batch asks the orchestrator to finish the command', (t) => {
  const r = applyEvent(given(queued(), starting(), running(), completed(0), completed(2)), completed(1));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['finishCommand']);
  t.is(statusOf(r.snapshot), 'RUNNING');
});

test('given all batches completed, when finished, then FINISHED', (t) => {
  const s = given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished());
  t.is(statusOf(s!), 'FINISHED');
  t.truthy(contextOf(s!).finishedAt);
});

test('a duplicate batch report is rejected and counted once', (t) => {
  const s = given(queued(), starting(), running(), completed(0));
  const r = applyEvent(s, completed(0));
  t.false(r.accepted);
  t.is(contextOf(r.snapshot!).completedCount, 1);
});

test('a batch index outside the command is rejected', (t) => {
  t.false(applyEvent(given(queued(), starting(), running()), completed(3)).accepted);
  t.false(applyEvent(given(queued(), starting(), running()), completed(-1)).accepted);
});

test('finished before every batch completed is rejected', (t) => {
  const r = applyEvent(given(queued(), starting(), running(), completed(0)), finished());
  t.false(r.accepted);
  t.is(statusOf(r.snapshot!), 'RUNNING');
});

test('a duplicate finished is rejected', (t) => {
  const s = given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished());
  const r = applyEvent(s, finished());
  t.false(r.accepted);
  t.is(statusOf(r.snapshot!), 'FINISHED');
});

test('a batch report after FAILED is rejected', (t) => {
  const s = given(queued(), starting(), running(), failed('sink down'));
  t.is(statusOf(s!), 'FAILED');
  const r = applyEvent(s, completed(0));
  t.false(r.accepted);
  t.is(contextOf(r.snapshot!).completedCount, 0);
});

test('failed after FINISHED is rejected: a terminal state never changes', (t) => {
  const s = given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished());
  t.false(applyEvent(s, failed('late')).accepted);
  t.false(applyEvent(s, cancelled()).accepted);
});

test('batches cannot be reported before the command runs', (t) => {
  t.false(applyEvent(given(queued()), completed(0)).accepted);
  t.false(applyEvent(given(queued(), starting()), completed(0)).accepted);
});

test('running cannot come before starting, nor a second queued', (t) => {
  t.false(applyEvent(given(queued()), running()).accepted);
  t.false(applyEvent(given(queued()), queued()).accepted);
});

test('a retried batch failure is recorded as a comment without failing the command', (t) => {
  const r = applyEvent(given(queued(), starting(), running()), batchFailed(1, 1, false));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, []);
  t.is(statusOf(r.snapshot), 'RUNNING');
  t.regex(contextOf(r.snapshot).comment, /batch 1 attempt 1 failed: disk full/);
});

test('a final batch failure asks the orchestrator to fail the command; failed then ends it with the reason', (t) => {
  const r = applyEvent(given(queued(), starting(), running()), batchFailed(1, 3, true));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['failCommand']);
  const s = applyEvent(r.snapshot, failed('batch 1 failed after 3 attempts: disk full'));
  t.true(s.accepted);
  t.is(statusOf(s.snapshot!), 'FAILED');
  t.is(contextOf(s.snapshot!).comment, 'batch 1 failed after 3 attempts: disk full');
});

test('a command can fail while queued or starting (e.g. the sink cannot be prepared)', (t) => {
  t.is(statusOf(given(queued(), failed('x'))!), 'FAILED');
  t.is(statusOf(given(queued(), starting(), failed('kafka 127.0.0.1:1 unreachable'))!), 'FAILED');
});

test('a cancel request asks once for cancellation, and cancelled is terminal with comment "cancelled"', (t) => {
  const r = applyEvent(given(queued(), starting(), running()), cancelRequested());
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['cancelCommand']);
  t.true(contextOf(r.snapshot).cancelRequested);
  t.false(applyEvent(r.snapshot, cancelRequested()).accepted);
  const s = applyEvent(r.snapshot, cancelled());
  t.is(statusOf(s.snapshot!), 'CANCELLED');
  t.is(contextOf(s.snapshot!).comment, 'cancelled');
});

test('the fold is deterministic and JSON-only: a snapshot survives a JSON round trip', (t) => {
  const events = [queued(), starting(), running(), completed(0), completed(1)];
  const a = foldEvents(events)!;
  t.deepEqual(JSON.parse(JSON.stringify(a.context)), a.context);
  t.deepEqual(foldEvents(events)!.context, a.context);
});
