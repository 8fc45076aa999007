/**
 * Given a command running / when the event log refuses a worker's appends for longer than the batch's deliveries
 * would last (a stream electing a leader) / then the worker keeps its delivery and records the outcome once the log
 * is back: the outage costs no attempt, and the command finishes with exactly its rows.
 */
import test from 'ava';
import type { EventLog } from '../../src/ports/event-log.js';
import { Deployment, dataOf } from './deployment.js';

/** The event log, except that appends from this worker fail while `down` holds (as NATS answers NoResponders). */
function flakyLog(inner: EventLog): EventLog & { down: boolean; refused: number } {
  const flaky = Object.create(inner) as EventLog & { down: boolean; refused: number };
  flaky.down = false;
  flaky.refused = 0;
  flaky.append = async (...args: Parameters<EventLog['append']>) => {
    if (flaky.down && args[1] !== 'batch-progress') {
      flaky.refused++;
      throw new Error('no responders available for request');
    }
    return inner.append(...args);
  };
  return flaky;
}

test('an event log away for longer than every delivery of a batch together costs no attempt: the batch is recorded once it is back', async (t) => {
  // Three deliveries of 0.3 s: an outage of 2 s would use them all up if the worker let its delivery lapse.
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 0.3, maxDeliver: 3 } });
  try {
    await d.startOrchestrator();
    const events = flakyLog(d.ports.events);
    events.down = true;
    d.startPuller({ id: 'w', events, storeRetry: { firstDelayMs: 50, maxDelayMs: 200, giveUpAfterMs: 30_000 } });
    const uuid = await d.submit({ rows: 5, batches: 3, threads: 1 });
    while (events.refused < 3) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000));
    events.down = false;
    const history = await d.waitFor(uuid, 'finished');
    t.true(events.refused >= 3, `${events.refused} appends refused`);
    t.deepEqual(dataOf(history, 'batch-failed'), [], 'the outage is no failure of the batch');
    t.deepEqual(dataOf(history, 'batch-completed').map((b) => b.batch).sort(), [0, 1, 2], 'each batch recorded once');
    t.deepEqual((await d.outputRows()).map((r) => r.id), Array.from({ length: 15 }, (_, i) => i));
  } finally {
    await d.close();
  }
});

test('an event log that stays away past the retry budget lets the delivery lapse: the batch runs again, recorded once', async (t) => {
  const d = await Deployment.open({ workSettings: { ackWaitSeconds: 0.3, maxDeliver: 5 } });
  try {
    await d.startOrchestrator();
    const events = flakyLog(d.ports.events);
    events.down = true;
    d.startPuller({ id: 'w', events, storeRetry: { firstDelayMs: 50, maxDelayMs: 50, giveUpAfterMs: 100 } });
    const uuid = await d.submit({ rows: 5, batches: 1, threads: 1 });
    while (events.refused < 4) await new Promise((r) => setTimeout(r, 20));
    events.down = false;
    const history = await d.waitFor(uuid, 'finished');
    t.deepEqual(dataOf(history, 'batch-completed').map((b) => b.batch), [0]);
    t.deepEqual((await d.outputRows()).map((r) => r.id), [0, 1, 2, 3, 4]);
  } finally {
    await d.close();
  }
});
