/** Given schedule events and execution statuses, then the scheduler's decision (pure). */
import test from 'ava';
import type { ScheduleEvent } from '../../../src/events/schedule-types.js';
import { decideSchedule, type ExecutionStatus } from '../../../src/schedule/decide.js';
import { executionUuid } from '../../../src/schedule/execution-ids.js';
import { evolveSchedule, type ScheduleState } from '../../../src/schedule/schedule-state.js';

const ID = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const meta = (at = '2026-01-01T00:00:00.000Z') => ({ scheduleId: ID, eventId: 'e', schemaVersion: 1, occurredAt: at });
const created: ScheduleEvent = { type: 'schedule-created', data: { request: { service: 'json', rows: 1, batches: 1, threads: 1, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'a' }, delaySeconds: 60 }, meta: meta() };
const started = (n: number): ScheduleEvent => ({ type: 'execution-started', data: { n, commandUuid: executionUuid(ID, n) }, meta: meta() });

function given(...events: ScheduleEvent[]): ScheduleState {
  return events.reduce<ScheduleState | undefined>((s, e) => evolveSchedule(s, e), undefined)!;
}
const statuses = (map: Record<string, ExecutionStatus>) => (uuid: string) => map[uuid];
const NOW = Date.parse('2026-01-01T01:00:00.000Z');

test('a new schedule starts its first execution at once', (t) => {
  const d = decideSchedule(given(created), statuses({}), NOW);
  t.deepEqual(d, { kind: 'start', n: 1, commandUuid: executionUuid(ID, 1) });
});

test('while an execution runs, nothing happens', (t) => {
  const d = decideSchedule(given(created, started(1)), statuses({ [executionUuid(ID, 1)]: { status: 'RUNNING', comment: '' } }), NOW);
  t.is(d.kind, 'idle');
});

test('the next execution is due the delay after the previous one finished', (t) => {
  const finishedAt = new Date(NOW - 10_000).toISOString();
  const d = decideSchedule(given(created, started(1)), statuses({ [executionUuid(ID, 1)]: { status: 'FINISHED', comment: '', finishedAt } }), NOW);
  t.deepEqual(d, { kind: 'wait', until: NOW - 10_000 + 60_000 });
  const later = decideSchedule(given(created, started(1)), statuses({ [executionUuid(ID, 1)]: { status: 'FINISHED', comment: '', finishedAt } }), NOW + 50_000);
  t.deepEqual(later, { kind: 'start', n: 2, commandUuid: executionUuid(ID, 2) });
});

test('a failed execution pauses the schedule with a reason', (t) => {
  const d = decideSchedule(given(created, started(1)), statuses({ [executionUuid(ID, 1)]: { status: 'FAILED', comment: 'disk full' } }), NOW);
  t.is(d.kind, 'pause');
  if (d.kind === 'pause') t.regex(d.reason, /execution 1 .* FAILED: disk full/);
});

test('an execution recorded but never queued (crash between two appends) is queued again', (t) => {
  const d = decideSchedule(given(created, started(1)), statuses({}), NOW);
  t.is(d.kind, 'queue');
});

test('paused and removed schedules do nothing; duplicates change nothing', (t) => {
  const paused = given(created, started(1), { type: 'schedule-paused', data: { reason: 'r', commandUuid: 'c' }, meta: meta() });
  t.is(paused.status, 'PAUSED');
  t.is(decideSchedule(paused, statuses({}), NOW).kind, 'idle');
  const removed = given(created, { type: 'schedule-removed', data: { by: 'admin' }, meta: meta() });
  t.is(removed.status, 'REMOVED');
  t.is(decideSchedule(removed, statuses({}), NOW).kind, 'idle');
  t.is(given(created, started(1), started(1), created).executions.length, 1);
});

test('execution uuids are deterministic and distinct', (t) => {
  t.is(executionUuid(ID, 3), executionUuid(ID, 3));
  t.not(executionUuid(ID, 3), executionUuid(ID, 4));
  t.regex(executionUuid(ID, 1), /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
