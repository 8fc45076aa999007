/**
 * What every event log adapter does, registered against any of them: de-duplication by message id, reads,
 * follow with catch-up, the envelope. Each test uses ids of its own, so adapters may share one log.
 */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import { ALL_EVENTS, commandFilter } from '../../src/events/subjects.js';
import type { StoredScheduleEvent } from '../../src/events/schedule-types.js';
import type { StoredEvent } from '../../src/events/types.js';
import { followCaughtUp, type EventLog, type LoggedEvent } from '../../src/ports/event-log.js';
import { Collector } from './collector.js';

const completed = (batch: number) => ({ batch, rows: 10, workerId: 'w/0', durationMs: 1 });

export function eventLogContract(adapter: string, log: () => EventLog): void {
  const title = (what: string) => `${adapter} event log: ${what}`;

  test(title('appending the same fact twice stores it once and answers the first sequence'), async (t) => {
    const uuid = randomUUID();
    const first = await log().append(uuid, 'batch-completed', completed(4));
    const again = await log().append(uuid, 'batch-completed', completed(4));
    const other = await log().append(uuid, 'batch-completed', completed(5));
    t.false(first.duplicate);
    t.deepEqual(again, { seq: first.seq, duplicate: true });
    t.false(other.duplicate);
    t.true(other.seq > first.seq);
    t.deepEqual((await log().readCommand(uuid)).map((e) => (e.data as { batch: number }).batch), [4, 5]);
  });

  test(title('an explicit message id makes a repeatable fact a new event'), async (t) => {
    const uuid = randomUUID();
    await log().append(uuid, 'starting', {}, { msgId: `${uuid}:one` });
    const second = await log().append(uuid, 'starting', {}, { msgId: `${uuid}:two` });
    t.false(second.duplicate);
    t.is((await log().readCommand(uuid)).length, 2);
  });

  test(title('a command reads back in order with its envelope; an unknown one reads empty'), async (t) => {
    const uuid = randomUUID();
    const { seq } = await log().append(uuid, 'starting', {}, { actor: 'orchestrator', causationId: 'c-1' });
    await log().append(uuid, 'running', {});
    await log().append(randomUUID(), 'starting', {});
    const events = await log().readCommand(uuid);
    t.deepEqual(events.map((e) => e.type), ['starting', 'running']);
    t.is(events[0].seq, seq);
    t.true(events[0].seq < events[1].seq);
    const { meta } = events[0];
    t.like(meta, { commandUuid: uuid, schemaVersion: 1, actor: 'orchestrator', causationId: 'c-1' });
    t.regex(meta.eventId, /^[0-9a-f-]{36}$/);
    t.is(new Date(meta.occurredAt).toISOString(), meta.occurredAt);
    t.deepEqual(await log().readCommand(randomUUID()), []);
  });

  test(title('schedule events read back by schedule, apart from commands'), async (t) => {
    const id = randomUUID();
    const commandUuid = randomUUID();
    await log().appendSchedule(id, 'execution-started', { n: 1, commandUuid });
    const again = await log().appendSchedule(id, 'execution-started', { n: 1, commandUuid });
    await log().append(commandUuid, 'starting', {});
    await log().appendSchedule(id, 'schedule-removed', { by: 'admin' });
    t.true(again.duplicate);
    const events = await log().readSchedule(id);
    t.deepEqual(events.map((e) => e.type), ['execution-started', 'schedule-removed']);
    t.is(events[0].meta.scheduleId, id);
    t.deepEqual((await log().readCommand(commandUuid)).map((e) => e.type), ['starting']);
  });

  test(title('readAll stops at the sequence asked for'), async (t) => {
    const uuid = randomUUID();
    await log().append(uuid, 'starting', {});
    const { seq } = await log().append(uuid, 'running', {});
    await log().append(uuid, 'finished', { rows: 0 });
    t.deepEqual((await log().readAll(commandFilter(uuid), seq)).map((e) => e.type), ['starting', 'running']);
  });

  test(title('has and lastSeq answer from what was appended'), async (t) => {
    const uuid = randomUUID();
    t.false(await log().has(uuid, 'failed'));
    const { seq } = await log().append(uuid, 'failed', { reason: 'x' });
    t.true(await log().has(uuid, 'failed'));
    t.false(await log().has(uuid, 'cancelled'));
    t.true((await log().lastSeq()) >= seq);
  });

  test(title('follow replays, reports catch-up once, then delivers live events in order'), async (t) => {
    const uuid = randomUUID();
    await log().append(uuid, 'starting', {});
    await log().append(uuid, 'running', {});
    const seen = new Collector<string>();
    let caughtUpAfter = -1;
    const stop = await log().follow((e) => seen.push(e.type), { filter: commandFilter(uuid), onCaughtUp: () => (caughtUpAfter = seen.items.length) });
    await seen.until((items) => items.length === 2);
    await log().append(uuid, 'finished', { rows: 0 });
    await seen.until((items) => items.length === 3);
    t.is(caughtUpAfter, 2);
    t.deepEqual(seen.items, ['starting', 'running', 'finished']);
    await stop();
  });

  test(title('followCaughtUp answers once the events present at the start are handled, while new ones keep coming'), async (t) => {
    const uuid = randomUUID();
    for (const batch of [1, 2, 3]) await log().append(uuid, 'batch-completed', completed(batch));
    const seen: number[] = [];
    // Each handled event appends the next one before it returns, so something new is always on its way.
    const stop = await followCaughtUp(log(), async (e: StoredEvent) => {
      const { batch } = e.data as { batch: number };
      seen.push(batch);
      if (batch < 40) await log().append(uuid, 'batch-completed', completed(batch + 3));
    }, { filter: commandFilter(uuid) });
    t.deepEqual(seen.slice(0, 3), [1, 2, 3]);
    await stop();
  });

  test(title('followCaughtUp fails, instead of waiting for ever, when the handler fails during the catch-up'), async (t) => {
    const uuid = randomUUID();
    await log().append(uuid, 'starting', {});
    await log().append(uuid, 'running', {});
    const error = await t.throwsAsync(followCaughtUp(log(), (e: StoredEvent) => {
      if (e.type === 'running') throw new Error('cannot fold running');
    }, { filter: commandFilter(uuid) }));
    t.is(error?.message, 'cannot fold running');
  });

  test(title('follow reports catch-up at once on an empty filter, and from a sequence skips what came before'), async (t) => {
    const uuid = randomUUID();
    let caughtUp = false;
    const stopEmpty = await log().follow(() => {}, { filter: commandFilter(uuid), onCaughtUp: () => (caughtUp = true) });
    t.true(caughtUp);
    await stopEmpty();
    await log().append(uuid, 'starting', {});
    const { seq } = await log().append(uuid, 'running', {});
    const seen = new Collector<string>();
    const stop = await log().follow((e) => seen.push(e.type), { filter: commandFilter(uuid), fromSeq: seq });
    await log().append(uuid, 'finished', { rows: 0 });
    await seen.until((items) => items.length === 2);
    t.deepEqual(seen.items, ['running', 'finished']);
    await stop();
  });

  test(title('follow delivers commands only by default, schedules too with ALL_EVENTS'), async (t) => {
    const id = randomUUID();
    const uuid = randomUUID();
    const commandsOnly = new Collector<StoredEvent>();
    const everything = new Collector<LoggedEvent>();
    const from = (await log().lastSeq()) + 1;
    const stops = [
      await log().follow((e) => commandsOnly.push(e), { fromSeq: from }),
      await log().follow<LoggedEvent>((e) => everything.push(e), { filter: ALL_EVENTS, fromSeq: from }),
    ];
    await log().appendSchedule(id, 'schedule-removed', { by: 'admin' });
    await log().append(uuid, 'starting', {});
    await commandsOnly.until((items) => items.some((e) => e.meta.commandUuid === uuid));
    await everything.until((items) => items.some((e) => 'commandUuid' in e.meta && e.meta.commandUuid === uuid));
    t.false(commandsOnly.items.some((e) => (e.meta as unknown as StoredScheduleEvent['meta']).scheduleId === id));
    t.true(everything.items.some((e) => 'scheduleId' in e.meta && e.meta.scheduleId === id));
    for (const stop of stops) await stop();
  });

  test(title('followCaughtUp resolves after the events present were handled, and keeps following'), async (t) => {
    const uuid = randomUUID();
    await log().append(uuid, 'starting', {});
    await log().append(uuid, 'running', {});
    const seen = new Collector<string>();
    const stop = await followCaughtUp(log(), (e) => seen.push(e.type), { filter: commandFilter(uuid) });
    t.deepEqual(seen.items, ['starting', 'running']);
    await log().append(uuid, 'finished', { rows: 0 });
    await seen.until((items) => items.length === 3);
    await stop();
  });

  test(title('after unsubscribing, nothing more is delivered'), async (t) => {
    const uuid = randomUUID();
    const seen: string[] = [];
    const stop = await followCaughtUp(log(), (e) => void seen.push(e.type), { filter: commandFilter(uuid) });
    await stop();
    await log().append(uuid, 'starting', {});
    // A second follower that sees the event proves it was delivered to whoever still listens.
    const later = new Collector<string>();
    const stopLater = await log().follow((e) => later.push(e.type), { filter: commandFilter(uuid) });
    await later.until((items) => items.length === 1);
    await stopLater();
    t.deepEqual(seen, []);
  });
}
