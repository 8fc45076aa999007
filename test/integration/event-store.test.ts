/** The JetStream layout against a real nats-server: streams, de-duplication, audit-log protections, replay. */
import test from 'ava';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { EVENTS_STREAM, WORK_STREAM } from '../../src/events/subjects.js';
import { connectNats } from '../../src/nats/connection.js';
import { NatsEventLog } from '../../src/nats/event-log.js';
import { ensureStreams } from '../../src/nats/streams.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';

let nats: TestNats;
let nc: NatsConnection;
let store: NatsEventLog;

test.before(async () => {
  nats = await startTestNats();
  nc = await connectNats(nats.url, 'test');
  await ensureStreams(nc);
  store = new NatsEventLog(jetstream(nc));
});

test.after.always(async () => {
  await nc?.close();
  await nats?.destroy();
});

test.serial('streams are created idempotently with the audit log protected', async (t) => {
  await ensureStreams(nc);
  await ensureStreams(nc);
  const jsm = await jetstreamManager(nc);
  const events = await jsm.streams.info(EVENTS_STREAM);
  t.true(events.config.deny_delete);
  t.true(events.config.deny_purge);
  t.deepEqual(events.config.subjects.sort(), ['datagen.command.>', 'datagen.schedule.>']);
  const work = await jsm.streams.info(WORK_STREAM);
  t.is(work.config.retention, 'workqueue');
});

test.serial('the audit log refuses purge', async (t) => {
  const jsm = await jetstreamManager(nc);
  await store.append('aaaaaaaa-0000-4000-8000-000000000001', 'starting', {});
  await t.throwsAsync(() => jsm.streams.purge(EVENTS_STREAM));
  t.true((await store.lastSeq()) >= 1);
});

test.serial('appends of the same fact are de-duplicated by their Nats-Msg-Id', async (t) => {
  const uuid = 'aaaaaaaa-0000-4000-8000-000000000002';
  const data = { batch: 4, rows: 10, workerId: 'w/0', durationMs: 1 };
  const first = await store.append(uuid, 'batch-completed', data);
  const again = await store.append(uuid, 'batch-completed', data);
  t.false(first.duplicate);
  t.true(again.duplicate);
  t.is(again.seq, first.seq);
  const other = await store.append(uuid, 'batch-completed', { ...data, batch: 5 });
  t.false(other.duplicate);
  const events = await store.readCommand(uuid);
  t.deepEqual(events.map((e) => (e.data as { batch: number }).batch), [4, 5]);
});

test.serial('a command history is read back in order, and an unknown command has none', async (t) => {
  const uuid = 'aaaaaaaa-0000-4000-8000-000000000003';
  await store.append(uuid, 'starting', {});
  await store.append(uuid, 'running', {});
  await store.append(uuid, 'failed', { reason: 'x' });
  const events = await store.readCommand(uuid);
  t.deepEqual(events.map((e) => e.type), ['starting', 'running', 'failed']);
  t.true(events[0].seq < events[1].seq && events[1].seq < events[2].seq);
  t.is(events[0].meta.commandUuid, uuid);
  t.deepEqual(await store.readCommand('aaaaaaaa-0000-4000-8000-0000000000ff'), []);
});

test.serial('follow replays from the start, reports catch-up, then delivers live events', async (t) => {
  const seen: string[] = [];
  let caughtUpAt = -1;
  const stop = await store.follow((e) => void seen.push(`${e.meta.commandUuid.slice(-2)}:${e.type}`), { onCaughtUp: () => (caughtUpAt = seen.length) });
  const before = await store.lastSeq();
  while (caughtUpAt < 0) await new Promise((r) => setTimeout(r, 20));
  t.is(caughtUpAt, before);
  await store.append('aaaaaaaa-0000-4000-8000-000000000004', 'starting', {});
  while (seen.length < before + 1) await new Promise((r) => setTimeout(r, 20));
  t.is(seen.at(-1), '04:starting');
  await stop();
});
