/** Given events / when an event / then the batch's state and attempts: the batch machine, pure. */
import test from 'ava';
import { batchMachine, type BatchEvent, type BatchState } from '../../../machines/batch.machine.js';
import { pureTransitions } from '../../../machines/pure-transition.js';
import { batchFailed, completed } from '../../helpers/events.js';

const machine = pureTransitions(batchMachine);
const dispatched: BatchEvent = { type: 'dispatched' };

function given(...events: BatchEvent[]) {
  let [s] = machine.initial(undefined);
  for (const e of events) [s] = machine.transition(s, e);
  return s;
}

const cases: Array<[string, BatchEvent[], BatchState, number]> = [
  ['nothing: pending', [], 'pending', 0],
  ['dispatched: dispatched', [dispatched], 'dispatched', 0],
  ['dispatched, completed: completed', [dispatched, completed(0)], 'completed', 0],
  ['dispatched, a failed attempt: retrying, one attempt counted', [dispatched, batchFailed(0, 1, false)], 'retrying', 1],
  ['retrying, another failed attempt: retrying, two attempts', [dispatched, batchFailed(0, 1, false), batchFailed(0, 2, false)], 'retrying', 2],
  ['retrying, completed (redelivered by the queue): completed', [dispatched, batchFailed(0, 1, false), completed(0)], 'completed', 1],
  ['retrying, the last attempt failed: failed', [dispatched, batchFailed(0, 1, false), batchFailed(0, 3, true)], 'failed', 3],
  ['retrying, dispatched again (after a restart): dispatched, attempts kept', [batchFailed(0, 2, false), dispatched], 'dispatched', 2],
  ['pending, reports from history (no dispatch known): they count', [batchFailed(0, 1, false), completed(0)], 'completed', 1],
  ['attempts count the highest reported, in any order', [dispatched, batchFailed(0, 2, false), batchFailed(0, 1, false)], 'retrying', 2],
];

for (const [name, events, state, attempts] of cases) {
  test(`given ${name}`, (t) => {
    const s = given(...events);
    t.is(s.value, state);
    t.is(s.context.failedAttempts, attempts);
  });
}

test('a completed batch never changes: a duplicate completion, a late failure or a re-dispatch is rejected', (t) => {
  const done = given(dispatched, completed(0));
  for (const e of [completed(0), batchFailed(0, 2, false), batchFailed(0, 3, true), dispatched]) t.is(machine.transition(done, e)[0], done, e.type);
});

test('a failed batch never changes, and a dispatched one cannot be dispatched twice', (t) => {
  const dead = given(dispatched, batchFailed(0, 3, true));
  for (const e of [completed(0), batchFailed(0, 4, false), dispatched]) t.is(machine.transition(dead, e)[0], dead, e.type);
  const sent = given(dispatched);
  t.is(machine.transition(sent, dispatched)[0], sent);
});
