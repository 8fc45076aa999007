/** The cached-scope transitions give exactly what XState's own initialTransition/transition give. */
import test from 'ava';
import { initialTransition, transition } from 'xstate';
import { batchMachine } from '../../../machines/batch.machine.js';
import { commandMachine } from '../../../machines/command.machine.js';
import { pureTransitions } from '../../../machines/pure-transition.js';
import { scheduleMachine } from '../../../machines/schedule.machine.js';
import type { ScheduleEvent } from '../../../src/events/schedule-types.js';
import { commandTransitions } from '../../../src/command/fold.js';
import { batchFailed, cancelRequested, cancelled, completed, failed, finished, queued, running, starting } from '../../helpers/events.js';

const histories = {
  finishes: [starting(), running(), completed(1), completed(0), completed(0), completed(2), finished(), finished()],
  fails: [starting(), running(), batchFailed(0, 1, false), batchFailed(0, 3, true), failed('x'), completed(1)],
  cancels: [starting(), running(), completed(0), cancelRequested(), cancelRequested(), cancelled(), completed(1)],
  rejects: [running(), completed(0), starting(), starting(), finished()],
};

for (const [name, events] of Object.entries(histories)) {
  test(`same snapshots and actions as XState's pure functions: ${name}`, (t) => {
    const q = queued();
    let [a, actionsA] = initialTransition(commandMachine, { event: q });
    let [b, actionsB] = commandTransitions.initial({ event: q });
    t.deepEqual(b.value, a.value);
    t.deepEqual(b.context, a.context);
    t.deepEqual(actionsB.map((x) => x.type), actionsA.map((x) => x.type));
    for (const e of events) {
      const [na, xa] = transition(commandMachine, a, e);
      const [nb, xb] = commandTransitions.transition(b, e);
      t.is(nb === b, na === a, `rejection of ${e.type} agrees`);
      t.deepEqual(nb.value, na.value);
      t.deepEqual(nb.context, na.context);
      t.is(nb.status, na.status);
      t.deepEqual(xb.map((x) => x.type), xa.map((x) => x.type));
      [a, actionsA, b, actionsB] = [na, xa, nb, xb];
    }
  });
}

test("the batch and schedule machines give the same snapshots and actions as XState's pure functions", (t) => {
  const batch = pureTransitions(batchMachine);
  let [a] = initialTransition(batchMachine);
  let [b] = batch.initial(undefined);
  for (const e of [{ type: 'dispatched' as const }, batchFailed(0, 1, false), completed(0), batchFailed(0, 2, true)]) {
    const [na] = transition(batchMachine, a, e);
    const [nb] = batch.transition(b, e);
    t.is(nb === b, na === a, `rejection of ${e.type} agrees`);
    t.deepEqual([nb.value, nb.context], [na.value, na.context]);
    [a, b] = [na, nb];
  }
  const schedule = pureTransitions(scheduleMachine);
  const meta = { scheduleId: 's', eventId: 'e', schemaVersion: 1, occurredAt: '2026-01-01T00:00:00.000Z' };
  const created = { type: 'schedule-created' as const, data: { request: { service: 'json', rows: 1, batches: 1, threads: 1, model: { name: 'm', hash: 'h' }, properties: {}, owner: 'a' }, delaySeconds: 1 }, meta };
  let [c] = initialTransition(scheduleMachine, { event: created });
  let [d] = schedule.initial({ event: created });
  const events: ScheduleEvent[] = [
    { type: 'execution-started', data: { n: 1, commandUuid: 'c1' }, meta },
    { type: 'execution-started', data: { n: 1, commandUuid: 'c1' }, meta },
    { type: 'schedule-paused', data: { reason: 'r', commandUuid: 'c1' }, meta },
    { type: 'schedule-removed', data: { by: 'admin' }, meta },
  ];
  for (const e of events) {
    const [nc] = transition(scheduleMachine, c, e);
    const [nd] = schedule.transition(d, e);
    t.is(nd === d, nc === c, `rejection of ${e.type} agrees`);
    t.deepEqual([nd.value, nd.context], [nc.value, nc.context]);
    [c, d] = [nc, nd];
  }
});
