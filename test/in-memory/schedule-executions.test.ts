/** A schedule's executions, in process, on one manual clock: each starts the delay after the previous one finished. */
import test from 'ava';
import type { Activities } from '../../src/activities/activities.js';
import { InlineActivities } from '../../src/activities/inline-activities.js';
import { scheduleFilter, type StoredScheduleEvent } from '../../src/events/schedule-types.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { Collector } from '../contract/collector.js';
import { Deployment, MODEL, dataOf, log } from './deployment.js';

const DELAY_SECONDS = 60;

/** Inline activities whose batches fail from the `failFrom`-th on. */
function failingFrom(failFrom: number, inner: Activities): Activities {
  let calls = 0;
  return {
    runBatch: async (job) => {
      if (++calls >= failFrom) throw new Error('the disk is full');
      return inner.runBatch(job);
    },
    runSinkStep: (step, service, ctx) => inner.runSinkStep(step, service, ctx),
    close: () => inner.close(),
  };
}

test('executions start the delay after the previous one finished, each a command of its own; a failed one pauses the schedule', async (t) => {
  const clock = new ManualClock();
  const d = await Deployment.open({ clock, workSettings: { ackWaitSeconds: 30, maxDeliver: 1 } });
  const scheduler = new Scheduler({ ...d.ports, log, clock });
  try {
    await d.startOrchestrator({ clock });
    d.startPuller({ id: 'w1', clock, activities: failingFrom(3, new InlineActivities()) });
    await scheduler.start();
    const scheduleId = d.ports.ids.uuid();
    const hash = await d.ports.models.putContent(MODEL);
    const schedule = new Collector<StoredScheduleEvent>();
    const stop = await d.ports.events.follow<StoredScheduleEvent>((e) => schedule.push(e), { filter: scheduleFilter(scheduleId) });
    await d.ports.events.appendSchedule(scheduleId, 'schedule-created', {
      request: { service: 'json', rows: 2, batches: 2, threads: 1, model: { name: MODEL.name, hash }, properties: {}, owner: 'spec' },
      delaySeconds: DELAY_SECONDS,
    });

    const [first] = executions(await schedule.until((e) => executions(e).length === 1));
    const firstEvents = await d.waitFor(first.commandUuid, 'finished');
    const finishedAt = Date.parse(firstEvents.at(-1)!.meta.occurredAt);
    clock.advance((DELAY_SECONDS - 1) * 1000);
    clock.advance(1000);

    const [, second] = executions(await schedule.until((e) => executions(e).length === 2));
    t.is(second.n, 2);
    t.not(second.commandUuid, first.commandUuid);
    const startedAt = Date.parse(schedule.items.find((e) => e.type === 'execution-started' && e.data.n === 2)!.meta.occurredAt);
    t.true(startedAt >= finishedAt + DELAY_SECONDS * 1000, 'not before the delay');

    const secondEvents = await d.waitFor(second.commandUuid, 'failed');
    t.is(dataOf(secondEvents, 'queued')[0].scheduleId, scheduleId);
    const paused = await schedule.until((e) => e.some((x) => x.type === 'schedule-paused'));
    const pause = paused.find((e) => e.type === 'schedule-paused')!.data as { reason: string; commandUuid: string };
    t.is(pause.commandUuid, second.commandUuid);
    t.regex(pause.reason, /execution 2 .* FAILED: batch 0 failed after 1 attempts: the disk is full/);
    await stop();
  } finally {
    await scheduler.stop();
    await d.close();
  }
});

function executions(events: StoredScheduleEvent[]): Array<{ n: number; commandUuid: string }> {
  return events.filter((e) => e.type === 'execution-started').map((e) => e.data as { n: number; commandUuid: string });
}
