/** The cached-scope transitions give exactly what XState's own initialTransition/transition give. */
import test from 'ava';
import { initialTransition, transition } from 'xstate';
import { commandMachine } from '../../../machines/command.machine.js';
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
