/** Given schedule events / when an event / then the schedule's state: the schedule machine, pure. */
import test from 'ava';
import { pureTransitions } from '../../../machines/pure-transition.js';
import { scheduleMachine } from '../../../machines/schedule.machine.js';
import type { ScheduleEvent } from '../../../src/events/schedule-types.js';

const machine = pureTransitions(scheduleMachine);
const meta = (at = '2026-01-01T00:00:00.000Z') => ({ scheduleId: 'sched-1', eventId: 'e', schemaVersion: 1, occurredAt: at });
const created: ScheduleEvent<'schedule-created'> = {
  type: 'schedule-created',
  data: { request: { service: 'json', rows: 1, batches: 1, threads: 1, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'a' }, delaySeconds: 60 },
  meta: meta(),
};
const started = (n: number): ScheduleEvent => ({ type: 'execution-started', data: { n, commandUuid: `c${n}` }, meta: meta('2026-01-01T00:01:00.000Z') });
const paused: ScheduleEvent = { type: 'schedule-paused', data: { reason: 'execution 1 FAILED', commandUuid: 'c1' }, meta: meta() };
const removed = (by: string): ScheduleEvent => ({ type: 'schedule-removed', data: { by }, meta: meta() });

function given(...events: ScheduleEvent[]) {
  let [s] = machine.initial({ event: created });
  for (const e of events) [s] = machine.transition(s, e);
  return s;
}

test('given created, then ACTIVE with its request and no execution', (t) => {
  const s = given();
  t.is(s.value, 'ACTIVE');
  t.is(s.context.delaySeconds, 60);
  t.deepEqual(s.context.executions, []);
  t.is(s.context.createdAt, '2026-01-01T00:00:00.000Z');
});

test('given active, when an execution starts, then it is recorded with its start time; a duplicate is rejected', (t) => {
  const s = given(started(1));
  t.deepEqual(s.context.executions, [{ n: 1, commandUuid: 'c1', startedAt: '2026-01-01T00:01:00.000Z' }]);
  t.is(machine.transition(s, started(1))[0], s);
});

test('given active, when paused, then PAUSED with the reason; a second pause is rejected', (t) => {
  const s = given(started(1), paused);
  t.is(s.value, 'PAUSED');
  t.is(s.context.comment, 'execution 1 FAILED');
  t.is(machine.transition(s, paused)[0], s);
});

test('given active or paused, when removed, then REMOVED saying by whom; a pause after it is rejected', (t) => {
  for (const s of [given(removed('admin')), given(paused, removed('admin'))]) {
    t.is(s.value, 'REMOVED');
    t.is(s.context.comment, 'removed by admin');
    t.is(machine.transition(s, paused)[0], s);
  }
});

test('given removed or paused, an execution that was starting meanwhile is still recorded', (t) => {
  t.is(given(removed('admin'), started(2)).context.executions.length, 1);
  t.is(given(paused, started(2)).context.executions.length, 1);
});
