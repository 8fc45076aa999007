/**
 * The in-memory adapters' timing, on a manual clock: exactly when an item comes back, when it is given up, when
 * a message id may be appended again. The contract suite checks the same rules in real time against NATS.
 */
import test from 'ava';
import { InMemoryEventLog, DUPLICATE_WINDOW_MS } from '../../src/memory/memory-event-log.js';
import { ManualClock } from '../../src/memory/manual-clock.js';
import { InMemoryWorkQueue } from '../../src/memory/memory-work-queue.js';
import type { DeadLetter, WorkItem } from '../../src/ports/work-queue.js';

const ACK_WAIT_MS = 30_000;
const item: WorkItem = { commandUuid: 'c', batch: 0, rows: 1, seed: 1, service: 'json', modelHash: 'h', properties: {}, batches: 1, referenceTime: 0 };

function given(maxDeliver = 3) {
  const clock = new ManualClock();
  const queue = new InMemoryWorkQueue({ ackWaitSeconds: ACK_WAIT_MS / 1000, maxDeliver }, clock);
  const dead: DeadLetter[] = [];
  queue.onDeadLetter(async (d) => void dead.push(d));
  /** What a pull made now gets without waiting. */
  const available = () => {
    const pulled = queue.pull(0);
    clock.advance(0);
    return pulled;
  };
  return { clock, queue, dead, available };
}

test('given a delivered item, when the ack wait passes without a heartbeat, then it is delivered again', async (t) => {
  const { clock, queue, available } = given();
  await queue.enqueue(item);
  await queue.pull(1);
  clock.advance(ACK_WAIT_MS - 1);
  t.is(await available(), null);
  clock.advance(1);
  t.is((await available())?.deliveryCount, 2);
});

test('given a delivered item, when it is heartbeaten, then its ack wait starts over', async (t) => {
  const { clock, queue, available } = given();
  await queue.enqueue(item);
  const d = await queue.pull(1);
  clock.advance(ACK_WAIT_MS - 1);
  d!.heartbeat();
  clock.advance(ACK_WAIT_MS - 1);
  t.is(await available(), null);
  clock.advance(1);
  t.is((await available())?.deliveryCount, 2);
});

test('given a nak with a delay, then the item comes back at the delay, not before', async (t) => {
  const { clock, queue, available } = given();
  await queue.enqueue(item);
  (await queue.pull(1))!.nak(5000);
  clock.advance(4999);
  t.is(await available(), null);
  clock.advance(1);
  t.is((await available())?.deliveryCount, 2);
});

test('given a waiting pull, when a nak delay ends, then the waiting pull gets the item', async (t) => {
  const { clock, queue } = given();
  await queue.enqueue(item);
  (await queue.pull(1))!.nak(5000);
  const waiting = queue.pull(60_000);
  clock.advance(5000);
  t.is((await waiting)?.deliveryCount, 2);
});

test('given the last delivery, when its ack wait passes, then the item is a dead letter and is removed once reported', async (t) => {
  const { clock, queue, dead, available } = given(2);
  await queue.enqueue(item);
  await queue.pull(1);
  clock.advance(ACK_WAIT_MS);
  await queue.pull(1);
  clock.advance(ACK_WAIT_MS);
  await Promise.resolve();
  t.deepEqual(dead, [{ commandUuid: 'c', batch: 0, deliveries: 2 }]);
  t.is(await available(), null);
  t.is(queue.size, 0);
});

test('given a heartbeat of a superseded delivery, then it does not hold the item back', async (t) => {
  const { clock, queue, available } = given();
  await queue.enqueue(item);
  const old = await queue.pull(1);
  clock.advance(ACK_WAIT_MS);
  const current = await queue.pull(1);
  old!.heartbeat();
  clock.advance(ACK_WAIT_MS);
  t.is(current!.deliveryCount, 2);
  t.is((await available())?.deliveryCount, 3);
});

test('given an appended message id, then it is a duplicate within the window and a new event after it', async (t) => {
  const clock = new ManualClock();
  const log = new InMemoryEventLog(clock);
  const first = await log.append('c', 'starting', {});
  clock.advance(DUPLICATE_WINDOW_MS - 1);
  t.deepEqual(await log.append('c', 'starting', {}), { seq: first.seq, duplicate: true });
  clock.advance(1);
  t.deepEqual(await log.append('c', 'starting', {}), { seq: first.seq + 1, duplicate: false });
});
