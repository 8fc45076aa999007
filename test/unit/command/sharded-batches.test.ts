/**
 * Given events / when an event or a restart / then the decision, for sharded batches: a command recorded with
 * shardRows runs each larger batch as one work unit per shard; the batch completes when all its shards have.
 */
import test from 'ava';
import { evolve, foldCommandState, type CommandState } from '../../../src/command/command-state.js';
import { decideDeadLetter, decideDispatch, decideResume, failureReason, type BatchOrder } from '../../../src/command/decide.js';
import { contextOf, statusOf, type Intent } from '../../../src/command/fold.js';
import type { CommandEvent } from '../../../src/events/types.js';
import { cancelled, cancelRequested, completed, queued, running, shardCompleted, shardFailed, starting } from '../../helpers/events.js';

const given = (...events: CommandEvent[]): CommandState => foldCommandState(events)!;

function when(state: CommandState, event: CommandEvent): { state: CommandState; intents: Intent[]; sent: BatchOrder[]; accepted: boolean } {
  const r = evolve(state, event);
  if (!r.accepted) return { state, intents: [], sent: [], accepted: false };
  if (!r.intents.includes('dispatchBatches')) return { state: r.state, intents: r.intents, sent: [], accepted: true };
  const d = decideDispatch(r.state);
  return { state: d.state, intents: r.intents, sent: d.orders, accepted: true };
}

/** Rows per batch and per shard (whole row blocks, so the layout is exactly three shards: S, S and LAST rows). */
const S = 65_536;
const ROWS = 2 * S + 32_768;
const LAST = ROWS - 2 * S;

function runningSharded(over: Parameters<typeof queued>[0] = {}): { state: CommandState; sent: BatchOrder[] } {
  const r = when(given(queued({ rows: ROWS, shardRows: S, ...over }), starting()), running());
  return { state: r.state, sent: r.sent };
}

test('given a batch larger than the recorded shard size, when running, then one unit per shard is sent, `threads` at a time', (t) => {
  const { state, sent } = runningSharded({ batches: 2, threads: 4 });
  t.is(contextOf(state.command).shards, 3);
  t.deepEqual(sent, [{ batch: 0, shard: 0 }, { batch: 0, shard: 1 }, { batch: 0, shard: 2 }, { batch: 1, shard: 0 }]);
});

test('given shards in flight, when one shard completes, then its rows count, the batch is not completed, and the next shard is sent', (t) => {
  let { state } = runningSharded({ batches: 2, threads: 2 });
  const r = when(state, shardCompleted(0, 1, 3, S));
  t.true(r.accepted);
  t.deepEqual(r.intents, ['dispatchBatches']);
  t.deepEqual(r.sent, [{ batch: 0, shard: 2 }]);
  state = r.state;
  const c = contextOf(state.command);
  t.is(c.completedCount, 0);
  t.is(c.rowsWritten, S);
  t.deepEqual(c.shardsCompleted, { 0: { 1: S } });
});

test('given every other shard of the last batch completed, when its last shard completes, then the batch completes and the command is to be finished with every row', (t) => {
  let { state } = runningSharded({ batches: 1, threads: 3 });
  ({ state } = when(state, shardCompleted(0, 2, 3, LAST)));
  ({ state } = when(state, shardCompleted(0, 0, 3, S)));
  t.is(contextOf(state.command).completedCount, 0);
  const last = when(state, shardCompleted(0, 1, 3, S));
  t.deepEqual(last.intents, ['finishCommand']);
  const c = contextOf(last.state.command);
  t.deepEqual(c.completed, { 0: ROWS });
  t.is(c.completedCount, 1);
  t.is(c.rowsWritten, ROWS);
  t.deepEqual(c.shardsCompleted, {}, 'a completed batch keeps no shard book');
});

test('a shard reported twice, a shard outside the layout and a report of another layout are rejected', (t) => {
  let { state } = runningSharded({ batches: 1, threads: 3 });
  ({ state } = when(state, shardCompleted(0, 0, 3, S)));
  t.false(when(state, shardCompleted(0, 0, 3, S)).accepted, 'redelivered shard');
  t.false(when(state, shardCompleted(0, 3, 3, S)).accepted, 'shard 3 of 3');
  t.false(when(state, shardCompleted(0, 1, 2, S)).accepted, 'another shard count');
  t.is(contextOf(state.command).rowsWritten, S);
});

test('a report without a shard is shard 0: it does not complete a sharded batch on its own', (t) => {
  const { state } = runningSharded({ batches: 1, threads: 3 });
  const r = when(state, completed(0, S));
  t.true(r.accepted);
  t.is(contextOf(r.state.command).completedCount, 0);
  t.false(when(r.state, shardCompleted(0, 0, 3, S)).accepted);
});

test('a batch no larger than the shard size, sharding off (0) and a command recorded before shards: one unit per batch, as before', (t) => {
  for (const over of [{ rows: S, shardRows: S }, { rows: ROWS, shardRows: 0 }, { rows: ROWS }]) {
    const r = when(given(queued({ batches: 3, threads: 2, ...over }), starting()), running());
    t.is(contextOf(r.state.command).shards, 1, JSON.stringify(over));
    t.deepEqual(r.sent, [{ batch: 0 }, { batch: 1 }]);
    t.deepEqual(when(r.state, completed(0)).sent, [{ batch: 2 }]);
  }
});

// A failed shard fails or retries as a batch does.

test('given a shard in flight, when an attempt fails, then it keeps its slot and the comment names the shard', (t) => {
  const { state } = runningSharded({ batches: 1, threads: 2 });
  const r = when(state, shardFailed(0, 1, 3, 1, false));
  t.true(r.accepted);
  t.deepEqual(r.intents, []);
  t.is(contextOf(r.state.command).comment, 'batch 0 attempt 1 failed: disk full (shard 1 of 3)');
  t.deepEqual(decideDispatch(r.state).orders, [], 'shards 0 and 1 hold both slots');
});

test('given a shard in flight, when its last attempt fails, then the command is to be failed naming the shard', (t) => {
  let { state } = runningSharded({ batches: 1, threads: 3 });
  ({ state } = when(state, shardCompleted(0, 0, 3, S)));
  const r = when(state, shardFailed(0, 2, 3, 3, true));
  t.deepEqual(r.intents, ['failCommand']);
  t.is(failureReason(r.state), 'batch 0 failed after 3 attempts: disk full (shard 2 of 3)');
});

test('restart while RUNNING re-sends only the unfinished shards, a retried one with its attempts', (t) => {
  const r = decideResume(given(queued({ rows: ROWS, shardRows: S, batches: 2, threads: 3 }), starting(), running(), shardCompleted(0, 0, 3, S), shardFailed(0, 1, 3, 2, false)));
  t.deepEqual(r.intents, ['dispatchBatches']);
  const d = decideDispatch(r.state);
  t.true(d.replace);
  t.deepEqual(d.orders, [{ batch: 0, shard: 1, priorAttempts: 2 }, { batch: 0, shard: 2 }, { batch: 1, shard: 0 }]);
});

test('a dead work item of a shard fails it for good, unless that shard completed', (t) => {
  const s = given(queued({ rows: ROWS, shardRows: S }), starting(), running(), shardCompleted(0, 0, 3, S));
  t.deepEqual(decideDeadLetter(s, 0, 3, 1), {
    batch: 0, shard: 1, shards: 3, workerId: 'orchestrator', attempt: 3, final: true,
    error: 'batch 0 was delivered 3 times without completing: the workers running it stopped or timed out',
  });
  const failing = evolve(s, { ...shardCompleted(0, 0, 3, S), type: 'batch-failed', data: decideDeadLetter(s, 0, 3, 1)! });
  t.true(failing.accepted);
  if (failing.accepted) t.is(failureReason(failing.state), 'batch 0 failed after 3 attempts: batch 0 was delivered 3 times without completing: the workers running it stopped or timed out (shard 1 of 3)');
  t.is(decideDeadLetter(s, 0, 3, 0), undefined);
});

// Cancel mid-batch.

test('given a batch half done, when a cancel is requested, then no further shard is sent and later shard reports change nothing', (t) => {
  let { state } = runningSharded({ batches: 1, threads: 2 });
  ({ state } = when(state, shardCompleted(0, 0, 3, S)));
  const cancelling = when(state, cancelRequested());
  t.deepEqual(cancelling.intents, ['cancelCommand']);
  const late = when(cancelling.state, shardCompleted(0, 1, 3, S));
  t.deepEqual(late.sent, [], 'shard 2 is never sent');
  const ended = when(late.state, cancelled());
  t.is(statusOf(ended.state.command), 'CANCELLED');
  t.false(when(ended.state, shardCompleted(0, 2, 3, LAST)).accepted);
});
