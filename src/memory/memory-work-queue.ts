/**
 * The work queue in memory, for specs, with the NATS adapter's delivery rules driven by the injected clock:
 * an item pulled and neither acked nor heartbeaten within the ack wait is delivered again; nak makes it
 * available again (after its delay); term and ack remove it; the delivery that reaches `maxDeliver` and ends
 * without an ack makes it a dead letter, kept until a dead-letter handler has seen it. Enqueues are
 * de-duplicated by message id within the window, as on DATAGEN_WORK.
 */
import { workMsgId } from '../events/subjects.js';
import { systemClock, type CancelTimer, type Clock } from '../ports/clock.js';
import type { Unsubscribe } from '../ports/event-log.js';
import { DEFAULT_WORK_SETTINGS, type DeadLetter, type WorkDelivery, type WorkItem, type WorkQueue, type WorkQueueSettings } from '../ports/work-queue.js';
import { DUPLICATE_WINDOW_MS } from './memory-event-log.js';

interface Message {
  seq: number;
  msgId: string;
  json: string;
  deliveries: number;
  state: 'available' | 'delivered' | 'dead';
  /** Available from this instant (a nak's delay). */
  notBefore: number;
  /** Cancels the ack-wait or nak-delay timer of the current delivery. */
  timer?: CancelTimer;
}

interface Waiter {
  resolve: (d: WorkDelivery | null) => void;
  cancel: CancelTimer;
}

type DeadLetterListener = { handler: (dead: DeadLetter) => Promise<void>; onError: (err: unknown) => void };

export class InMemoryWorkQueue implements WorkQueue {
  private readonly messages = new Map<number, Message>();
  private readonly msgIds = new Map<string, number>();
  private readonly waiters: Waiter[] = [];
  private readonly deadLetterListeners = new Set<DeadLetterListener>();
  private nextSeq = 1;
  private closed = false;

  constructor(private readonly settings: WorkQueueSettings = DEFAULT_WORK_SETTINGS, private readonly clock: Clock = systemClock) {}

  async enqueue(item: WorkItem, generation?: string): Promise<void> {
    const msgId = workMsgId(item.commandUuid, item.batch, item.shard) + (generation ? `:${generation}` : '');
    const previous = this.msgIds.get(msgId);
    if (previous !== undefined && this.clock.now() - previous < DUPLICATE_WINDOW_MS) return;
    this.msgIds.set(msgId, this.clock.now());
    const seq = this.nextSeq++;
    this.messages.set(seq, { seq, msgId, json: JSON.stringify(item), deliveries: 0, state: 'available', notBefore: 0 });
    this.serveWaiters();
  }

  async replace(item: WorkItem, generation: string): Promise<void> {
    const prefix = workMsgId(item.commandUuid, item.batch, item.shard);
    const stored = [...this.messages.values()].filter((m) => m.msgId === prefix || m.msgId.startsWith(`${prefix}:`)).at(-1);
    if (stored?.msgId.endsWith(`:${generation}`)) return;
    if (stored) this.remove(stored);
    await this.enqueue(item, generation);
  }

  pull(expiresMs: number): Promise<WorkDelivery | null> {
    if (this.closed) return Promise.resolve(null);
    const ready = this.nextAvailable();
    if (ready) return Promise.resolve(this.deliver(ready));
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve,
        cancel: this.clock.setTimer(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(null);
        }, expiresMs),
      };
      this.waiters.push(waiter);
    });
  }

  onDeadLetter(handler: (dead: DeadLetter) => Promise<void>, onError: (err: unknown) => void = () => {}): Unsubscribe {
    const listener = { handler, onError };
    this.deadLetterListeners.add(listener);
    return async () => {
      this.deadLetterListeners.delete(listener);
    };
  }

  /** Ends every pull at once, now and later (a spec tearing its deployment down need not wait for expiries). */
  close(): void {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) {
      waiter.cancel();
      waiter.resolve(null);
    }
  }

  /** Items in the queue, whatever their state (specs check that nothing is left behind). */
  get size(): number {
    return this.messages.size;
  }

  private nextAvailable(): Message | undefined {
    const now = this.clock.now();
    for (const m of this.messages.values()) if (m.state === 'available' && m.notBefore <= now) return m;
    return undefined;
  }

  private serveWaiters(): void {
    for (let m = this.nextAvailable(); m && this.waiters.length; m = this.nextAvailable()) {
      const waiter = this.waiters.shift()!;
      waiter.cancel();
      waiter.resolve(this.deliver(m));
    }
  }

  private deliver(m: Message): WorkDelivery {
    m.state = 'delivered';
    m.deliveries++;
    const delivery = m.deliveries;
    const current = () => this.messages.get(m.seq) === m && m.state === 'delivered' && m.deliveries === delivery;
    const armAckWait = () => {
      m.timer?.();
      m.timer = this.clock.setTimer(() => this.unacked(m), this.settings.ackWaitSeconds * 1000);
    };
    armAckWait();
    return {
      item: JSON.parse(m.json) as WorkItem,
      deliveryCount: delivery,
      ack: () => {
        if (this.messages.get(m.seq) === m) this.remove(m);
      },
      term: () => {
        if (this.messages.get(m.seq) === m) this.remove(m);
      },
      heartbeat: () => {
        if (current()) armAckWait();
      },
      nak: (delayMs = 0) => {
        if (current()) this.unacked(m, delayMs);
      },
    };
  }

  /** A delivery ended without an ack: deliver again, or give the item up after its last delivery. */
  private unacked(m: Message, delayMs = 0): void {
    m.timer?.();
    m.timer = undefined;
    if (m.deliveries >= this.settings.maxDeliver) return this.dead(m);
    m.state = 'available';
    m.notBefore = this.clock.now() + delayMs;
    if (delayMs > 0) m.timer = this.clock.setTimer(() => this.serveWaiters(), delayMs);
    this.serveWaiters();
  }

  private dead(m: Message): void {
    m.state = 'dead';
    const item = JSON.parse(m.json) as WorkItem;
    const dead: DeadLetter = { commandUuid: item.commandUuid, batch: item.batch, ...(item.shard !== undefined ? { shard: item.shard } : {}), deliveries: m.deliveries };
    for (const { handler, onError } of this.deadLetterListeners) {
      void handler(dead).then(() => this.remove(m), onError);
    }
  }

  private remove(m: Message): void {
    m.timer?.();
    this.messages.delete(m.seq);
  }
}
