/** Given events / when an event or a restart / then the decision: every decision about a command, pure. */
import test from 'ava';
import { evolve, foldCommandState, type CommandState } from '../../../src/command/command-state.js';
import {
  decideCancel, decideDeadLetter, decideDispatch, decideResume, decideWorkItem, endingOf, failureReason, removesPartialOutput,
} from '../../../src/command/decide.js';
import { statusOf, type Intent } from '../../../src/command/fold.js';
import type { CommandEvent } from '../../../src/events/types.js';
import { batchFailed, cancelled, cancelRequested, completed, failed, finished, queued, running, starting } from '../../helpers/events.js';

const given = (...events: CommandEvent[]): CommandState => foldCommandState(events)!;

/** The live path: the event's intents, and the batches a dispatchBatches intent sends. */
function when(state: CommandState, event: CommandEvent): { state: CommandState; intents: Intent[]; sent: number[]; accepted: boolean } {
  const r = evolve(state, event);
  if (!r.accepted) return { state, intents: [], sent: [], accepted: false };
  if (!r.intents.includes('dispatchBatches')) return { state: r.state, intents: r.intents, sent: [], accepted: true };
  const d = decideDispatch(r.state);
  return { state: d.state, intents: r.intents, sent: d.orders.map((o) => o.batch), accepted: true };
}

/** A command that just went RUNNING with its first window sent. */
function runningWith(over: Parameters<typeof queued>[0]): { state: CommandState; sent: number[] } {
  const r = when(given(queued(over), starting()), running());
  return { state: r.state, sent: r.sent };
}

// Which intents follow each event (the command machine's answer, through evolve).

test('given nothing, when queued, then the command is to be started', (t) => {
  const r = evolve(undefined, queued());
  t.true(r.accepted);
  if (r.accepted) t.deepEqual(r.intents, ['startCommand']);
});

test('given queued, when starting, then the sink is to be prepared; when running, then batches are dispatched', (t) => {
  const s = evolve(given(queued()), starting());
  t.true(s.accepted && s.intents.join() === 'prepareSink');
  const r = evolve(given(queued(), starting()), running());
  t.true(r.accepted && r.intents.join() === 'dispatchBatches');
});

test('given running, when the last batch completes, then the command is to be finished with its rows', (t) => {
  const r = evolve(given(queued(), starting(), running(), completed(0, 5), completed(1, 5)), completed(2, 5));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['finishCommand']);
  t.is(r.state.command.context.rowsWritten, 15);
});

test('given running, when a batch fails for good, then the command is to be failed with that batch as the reason', (t) => {
  const r = evolve(given(queued(), starting(), running()), batchFailed(1, 3, true));
  t.true(r.accepted);
  if (!r.accepted) return;
  t.deepEqual(r.intents, ['failCommand']);
  t.is(failureReason(r.state), 'batch 1 failed after 3 attempts: disk full');
});

test('given any unfinished state, when a cancel is requested, then the command is to be cancelled', (t) => {
  for (const history of [[queued()], [queued(), starting()], [queued(), starting(), running()]]) {
    const r = evolve(given(...history), cancelRequested());
    t.true(r.accepted && r.intents.join() === 'cancelCommand', `from ${statusOf(given(...history).command)}`);
  }
});

test('given a terminal state, when anything else happens, then nothing is to be done', (t) => {
  const ended = [given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished()), given(queued(), failed('x')), given(queued(), cancelRequested(), cancelled())];
  for (const state of ended) for (const e of [completed(0), batchFailed(0, 1, true), cancelRequested(), finished(), failed('late')]) t.false(evolve(state, e).accepted);
});

// The dispatch window.

test('threads=1: one batch in flight at a time, the next sent when it completes', (t) => {
  let { state, sent } = runningWith({ threads: 1, batches: 3 });
  t.deepEqual(sent, [0]);
  ({ state, sent } = when(state, completed(0)));
  t.deepEqual(sent, [1]);
  ({ state, sent } = when(state, completed(1)));
  t.deepEqual(sent, [2]);
  const last = when(state, completed(2));
  t.deepEqual(last.intents, ['finishCommand']);
  t.deepEqual(last.sent, []);
});

test('threads=4: four in flight; batches completing out of order each free one slot, in index order', (t) => {
  let { state, sent } = runningWith({ threads: 4, batches: 7 });
  t.deepEqual(sent, [0, 1, 2, 3]);
  ({ state, sent } = when(state, completed(2)));
  t.deepEqual(sent, [4]);
  ({ state, sent } = when(state, completed(4)));
  t.deepEqual(sent, [5]);
  ({ state, sent } = when(state, completed(0)));
  t.deepEqual(sent, [6]);
  ({ state, sent } = when(state, completed(6)));
  t.deepEqual(sent, [], 'every batch is sent');
  for (const b of [1, 3]) ({ state } = when(state, completed(b)));
  t.deepEqual(when(state, completed(5)).intents, ['finishCommand']);
});

test('threads above batches: every batch is sent at once', (t) => {
  t.deepEqual(runningWith({ threads: 4, batches: 2 }).sent, [0, 1]);
});

test('a retried batch keeps its slot: the queue redelivers it, nothing new is sent', (t) => {
  const { state } = runningWith({ threads: 2, batches: 4 });
  const r = when(state, batchFailed(0, 1, false));
  t.true(r.accepted);
  t.deepEqual(r.intents, []);
  t.is(decideDispatch(r.state).orders.length, 0);
  t.deepEqual(when(r.state, completed(0)).sent, [2]);
});

test('no batch is dispatched once a cancel is requested, nor before the command runs', (t) => {
  const { state } = runningWith({ threads: 1, batches: 3 });
  const cancelling = when(state, cancelRequested()).state;
  t.deepEqual(decideDispatch(evolve(cancelling, completed(0)).state!).orders, []);
  t.deepEqual(decideDispatch(given(queued(), starting())).orders, []);
});

// A redelivered batch.

test('a redelivered batch reporting completion again is rejected: counted once, nothing sent', (t) => {
  let { state } = runningWith({ threads: 1, batches: 3 });
  ({ state } = when(state, completed(0, 10)));
  const again = when(state, completed(0, 10));
  t.false(again.accepted);
  t.is(again.state.command.context.rowsWritten, 10);
  t.deepEqual(decideDispatch(again.state).orders, []);
});

test('a redelivered batch failing after it completed stays completed and frees no slot', (t) => {
  let { state } = runningWith({ threads: 1, batches: 3 });
  ({ state } = when(state, completed(0)));
  const late = when(state, batchFailed(0, 2, false));
  t.true(late.accepted, 'the attempt is a fact: the command records it');
  t.deepEqual(late.intents, []);
  t.deepEqual(decideDispatch(late.state).orders, [], 'batch 1 still holds the only slot');
  t.is(late.state.batches.active.has(0), false, 'batch 0 is not active again');
});

test('a redelivered batch failing for good after it completed still fails the command: the machine takes every final report while RUNNING', (t) => {
  let { state } = runningWith({ threads: 1, batches: 3 });
  ({ state } = when(state, completed(0)));
  const late = when(state, batchFailed(0, 3, true));
  t.deepEqual(late.intents, ['failCommand']);
  t.is(failureReason(late.state), 'batch 0 failed after 3 attempts: disk full');
});

// A restart in every state: the state is the fold of the events alone.

test('restart while QUEUED starts it; while STARTING prepares the sink', (t) => {
  t.deepEqual(decideResume(given(queued())).intents, ['startCommand']);
  t.deepEqual(decideResume(given(queued(), starting())).intents, ['prepareSink']);
});

test('restart while RUNNING with some batches done re-sends the first `threads` unfinished ones, replacing their items', (t) => {
  const r = decideResume(given(queued({ threads: 2, batches: 5 }), starting(), running(), completed(0), completed(2)));
  t.deepEqual(r.intents, ['dispatchBatches']);
  const d = decideDispatch(r.state);
  t.true(d.replace);
  t.deepEqual(d.orders, [{ batch: 1 }, { batch: 3 }]);
  const after = when(d.state, completed(1));
  t.deepEqual(after.sent, [4]);
  t.false(decideDispatch(evolve(d.state, completed(3)).state!).replace, 'only the first dispatch replaces');
});

test('restart while RUNNING re-sends a retried batch with its failed attempts, so a restart grants no new attempt', (t) => {
  const r = decideResume(given(queued({ threads: 2, batches: 3 }), starting(), running(), batchFailed(0, 2, false), completed(1)));
  t.deepEqual(decideDispatch(r.state).orders, [{ batch: 0, priorAttempts: 2 }, { batch: 2 }]);
});

test('restart while RUNNING with every batch done finishes the command', (t) => {
  t.deepEqual(decideResume(given(queued(), starting(), running(), completed(0), completed(1), completed(2))).intents, ['finishCommand']);
});

test('restart while RUNNING with a final failure recorded while no orchestrator ran fails it, re-sending nothing', (t) => {
  const r = decideResume(given(queued(), starting(), running(), batchFailed(1, 3, true)));
  t.deepEqual(r.intents, ['failCommand']);
  t.is(failureReason(r.state), 'batch 1 failed after 3 attempts: disk full');
});

test('restart with a cancel requested cancels it, in whichever state it was requested', (t) => {
  t.deepEqual(decideResume(given(queued(), cancelRequested())).intents, ['cancelCommand']);
  t.deepEqual(decideResume(given(queued(), starting(), running(), completed(0), cancelRequested())).intents, ['cancelCommand']);
});

test('restart of a terminal command does nothing', (t) => {
  t.deepEqual(decideResume(given(queued(), failed('x'))).intents, []);
  t.deepEqual(decideResume(given(queued(), cancelRequested(), cancelled())).intents, []);
  t.deepEqual(decideResume(given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished())).intents, []);
});

// Cancel accepted or refused (409).

test('a cancel is accepted until the command ends, also when already requested', (t) => {
  for (const s of [given(queued()), given(queued(), starting()), given(queued(), starting(), running()), given(queued(), cancelRequested())]) {
    t.deepEqual(decideCancel(s.command), { accepted: true });
  }
});

test('a cancel of an ended command is refused with its status', (t) => {
  const cases = [
    [given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished()), 'FINISHED'],
    [given(queued(), failed('x')), 'FAILED'],
    [given(queued(), cancelRequested(), cancelled()), 'CANCELLED'],
  ] as const;
  for (const [s, status] of cases) {
    const d = decideCancel(s.command);
    t.deepEqual(d, { accepted: false, status, reason: `command ${s.command.context.commandUuid} is already ${status} and cannot be cancelled` });
  }
});

// Whether a worker drops a work item.

test('a worker runs a batch of a command that has not ended, or when it cannot tell', (t) => {
  for (const s of [given(queued()), given(queued(), starting()), given(queued(), starting(), running())]) t.deepEqual(decideWorkItem(endingOf(s.command)), { run: true });
  t.deepEqual(decideWorkItem(endingOf(given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished()).command)), { run: true });
  t.deepEqual(decideWorkItem(undefined), { run: true });
});

test('a worker drops a batch of a command cancelled (or asked to be) or failed', (t) => {
  for (const s of [given(queued(), starting(), running(), cancelRequested()), given(queued(), cancelRequested(), cancelled()), given(queued(), starting(), running(), failed('x'))]) {
    t.deepEqual(decideWorkItem(endingOf(s.command)), { run: false, reason: 'command ended' });
  }
  t.deepEqual(decideWorkItem({ cancelRequested: false, failed: true }), { run: false, reason: 'command ended' });
});

// A dead work item, and the end of a command.

test('a dead work item fails its batch for good, unless the batch completed or the command is not orchestrated', (t) => {
  const s = given(queued(), starting(), running(), completed(0));
  t.deepEqual(decideDeadLetter(s, 1, 3), { batch: 1, workerId: 'orchestrator', error: 'batch 1 was delivered 3 times without completing: the workers running it stopped or timed out', attempt: 3, final: true });
  t.is(decideDeadLetter(s, 0, 3), undefined);
  t.is(decideDeadLetter(undefined, 1, 3), undefined);
});

test('an ended command has its partial output removed unless it finished', (t) => {
  t.true(removesPartialOutput(given(queued(), failed('x'))));
  t.true(removesPartialOutput(given(queued(), cancelRequested(), cancelled())));
  t.false(removesPartialOutput(given(queued(), starting(), running(), completed(0), completed(1), completed(2), finished())));
  t.false(removesPartialOutput(given(queued(), starting(), running())));
});
