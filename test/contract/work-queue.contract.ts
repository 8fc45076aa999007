/**
 * What every work queue adapter does: delivery, de-duplication, ack, nak, term, heartbeat, redelivery after the
 * ack wait, dead letters after the last delivery, replacing an item. Each test gets a queue of its own.
 */
import test, { type ExecutionContext } from 'ava';
import { randomUUID } from 'node:crypto';
import type { DeadLetter, WorkItem, WorkQueue, WorkQueueSettings } from '../../src/ports/work-queue.js';
import { Collector } from './collector.js';

export interface WorkQueueHarness {
  queue: WorkQueue;
  close(): Promise<void>;
}

const item = (batch = 0, commandUuid = randomUUID()): WorkItem => ({
  commandUuid, batch, rows: 10, seed: 7, service: 'json', modelHash: 'ab'.repeat(32), properties: { A: 'b' }, batches: 3, referenceTime: 1767225600000,
});

export function workQueueContract(adapter: string, open: (settings: WorkQueueSettings) => Promise<WorkQueueHarness>, ackWaitSeconds: number): void {
  const title = (what: string) => `${adapter} work queue: ${what}`;
  const ackWaitMs = ackWaitSeconds * 1000;
  const settings: WorkQueueSettings = { ackWaitSeconds, maxDeliver: 2 };
  /** Long enough for any redelivery: a pull that must find nothing waits this long. */
  const redelivery = ackWaitMs * 4;
  /**
   * A pull that must deliver waits up to this: it ends at the delivery, so a loaded machine only makes it slower
   * (with redelivery's 0.8 s of the in-memory queue, a CI run's start once found nothing yet).
   */
  const delivered = Math.max(redelivery, 30_000);
  const run = (what: string, body: (queue: WorkQueue, t: ExecutionContext) => Promise<void>) =>
    test.serial(title(what), async (t) => {
      const { queue, close } = await open(settings);
      try {
        await body(queue, t);
      } finally {
        await close();
      }
    });

  run('an item is delivered once, whole, and an ack removes it', async (queue, t) => {
    const sent = item(2);
    await queue.enqueue(sent);
    const d = await queue.pull(delivered);
    t.deepEqual(d?.item, sent);
    t.is(d?.deliveryCount, 1);
    d!.ack();
    t.is(await queue.pull(ackWaitMs * 2), null);
  });

  run('an item enqueued twice is queued once; a new generation is a new item', async (queue, t) => {
    const sent = item();
    await queue.enqueue(sent);
    await queue.enqueue(sent);
    await queue.enqueue(sent, 'r1');
    const first = await queue.pull(delivered);
    const second = await queue.pull(delivered);
    first!.ack();
    second!.ack();
    t.deepEqual([first!.item, second!.item], [sent, sent]);
    t.is(await queue.pull(ackWaitMs), null);
  });

  run('items are delivered in the order they were enqueued', async (queue, t) => {
    const uuid = randomUUID();
    for (const batch of [0, 1, 2]) await queue.enqueue(item(batch, uuid));
    const batches: number[] = [];
    for (let i = 0; i < 3; i++) {
      const d = await queue.pull(delivered);
      batches.push(d!.item.batch);
      d!.ack();
    }
    t.deepEqual(batches, [0, 1, 2]);
  });

  run('an item neither acked nor heartbeaten is delivered again after the ack wait', async (queue, t) => {
    await queue.enqueue(item());
    const first = await queue.pull(delivered);
    const again = await queue.pull(delivered);
    t.deepEqual(again?.item, first?.item);
    t.is(again?.deliveryCount, 2);
    again!.ack();
  });

  run('a nak delivers the item again, also after a delay', async (queue, t) => {
    await queue.enqueue(item());
    (await queue.pull(delivered))!.nak();
    const second = await queue.pull(delivered);
    t.is(second?.deliveryCount, 2);
    second!.ack();
    await queue.enqueue(item());
    (await queue.pull(delivered))!.nak(ackWaitMs / 2);
    const delayed = await queue.pull(delivered);
    t.is(delayed?.deliveryCount, 2);
    delayed!.ack();
  });

  run('heartbeats keep an item from being delivered again', async (queue, t) => {
    await queue.enqueue(item());
    const held = await queue.pull(delivered);
    const beat = setInterval(() => held!.heartbeat(), ackWaitMs / 4);
    try {
      t.is(await queue.pull(ackWaitMs * 2.5), null);
    } finally {
      clearInterval(beat);
    }
    held!.ack();
    t.is(await queue.pull(ackWaitMs * 2), null);
  });

  run('a terminated item is never delivered again, nor reported dead', async (queue, t) => {
    const dead = new Collector<DeadLetter>();
    const stop = queue.onDeadLetter(async (d) => dead.push(d));
    await queue.enqueue(item());
    (await queue.pull(delivered))!.term('command ended');
    const again = await queue.pull(ackWaitMs * 2);
    t.is(again, null, `delivered again: ${JSON.stringify(again && { count: again.deliveryCount, item: again.item })}`);
    t.deepEqual(dead.items, []);
    await stop();
  });

  run('an item whose last delivery ends without an ack is a dead letter, and is not delivered again', async (queue, t) => {
    const dead = new Collector<DeadLetter>();
    const stop = queue.onDeadLetter(async (d) => dead.push(d));
    const sent = item(5);
    await queue.enqueue(sent);
    t.is((await queue.pull(delivered))?.deliveryCount, 1);
    t.is((await queue.pull(delivered))?.deliveryCount, 2);
    // Pullers keep asking: the queue gives the item up instead of delivering it a third time.
    t.is(await queue.pull(redelivery), null);
    await dead.until((items) => items.length === 1, delivered);
    t.deepEqual(dead.items, [{ commandUuid: sent.commandUuid, batch: 5, deliveries: 2 }]);
    await stop();
  });

  run('replace swaps a queued item for one of the new generation, and keeps it when called again', async (queue, t) => {
    const sent = item(1);
    await queue.enqueue(sent);
    const resent = { ...sent, priorAttempts: 1 };
    await queue.replace(resent, 'r9');
    await queue.replace(resent, 'r9');
    const d = await queue.pull(delivered);
    t.deepEqual(d?.item, resent);
    d!.ack();
    t.is(await queue.pull(ackWaitMs * 2), null);
  });

  run('replace brings back an item that was given up', async (queue, t) => {
    const sent = item(3);
    await queue.enqueue(sent);
    await queue.pull(delivered);
    await queue.pull(delivered);
    // No dead-letter listener: the item stays, dead, as when no orchestrator was live.
    t.is(await queue.pull(ackWaitMs * 2), null);
    await queue.replace(sent, 'r2');
    const d = await queue.pull(delivered);
    t.is(d?.deliveryCount, 1);
    d!.ack();
  });
}
