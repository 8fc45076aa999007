/**
 * The work queue on DATAGEN_WORK, pulled through one durable consumer shared by every generator actor.
 * Redelivery after ack wait and max deliveries are the consumer's (src/nats/streams.ts); a dead letter is the
 * server's max-deliveries advisory, and its item is then deleted from the stream.
 */
import type { Consumer, JetStreamClient, JetStreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { WORK_CONSUMER, WORK_STREAM, workMsgId, workOfSubject, workSubject } from '../events/subjects.js';
import type { Unsubscribe } from '../ports/event-log.js';
import type { DeadLetter, WorkDelivery, WorkItem, WorkQueue } from '../ports/work-queue.js';

const PUBLISH_TIMEOUT_MS = 10000;
const MAX_DELIVERIES_ADVISORY = `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${WORK_STREAM}.${WORK_CONSUMER}`;

export class NatsWorkQueue implements WorkQueue {
  private consumer?: Promise<Consumer>;
  private jsm?: Promise<JetStreamManager>;

  constructor(private readonly nc: NatsConnection, private readonly js: JetStreamClient) {}

  async enqueue(item: WorkItem, generation?: string): Promise<void> {
    const msgID = workMsgId(item.commandUuid, item.batch, item.shard) + (generation ? `:${generation}` : '');
    await this.js.publish(workSubject(item.commandUuid, item.batch, item.shard), JSON.stringify(item), { msgID, timeout: PUBLISH_TIMEOUT_MS });
  }

  /** A previous orchestrator's item may be dead (delivered max_deliver times while no orchestrator heard the advisory). */
  async replace(item: WorkItem, generation: string): Promise<void> {
    const jsm = await this.manager();
    const stored = await jsm.streams.getMessage(WORK_STREAM, { last_by_subj: workSubject(item.commandUuid, item.batch, item.shard) });
    if (stored?.header?.get('Nats-Msg-Id')?.endsWith(`:${generation}`)) return;
    if (stored) await jsm.streams.deleteMessage(WORK_STREAM, stored.seq, false).catch(() => {});
    await this.enqueue(item, generation);
  }

  /** nats.js v3 rejects on missed heartbeats or a reconnect instead of answering null: the caller pulls again. */
  async pull(expiresMs: number): Promise<WorkDelivery | null> {
    this.consumer ??= this.js.consumers.get(WORK_STREAM, WORK_CONSUMER);
    this.consumer.catch(() => (this.consumer = undefined));
    const m = await (await this.consumer).next({ expires: expiresMs });
    if (!m) return null;
    let item: WorkItem;
    try {
      item = m.json<WorkItem>();
    } catch {
      m.term();
      return null;
    }
    return delivery(m, item);
  }

  onDeadLetter(handler: (dead: DeadLetter) => Promise<void>, onError: (err: unknown) => void = () => {}): Unsubscribe {
    const subscription = this.nc.subscribe(MAX_DELIVERIES_ADVISORY, {
      callback: (_err, msg) => {
        const advisory = msg.json<{ stream_seq: number; deliveries: number }>();
        void this.deadLetter(advisory.stream_seq, advisory.deliveries, handler).catch(onError);
      },
    });
    return async () => subscription.unsubscribe();
  }

  private async deadLetter(seq: number, deliveries: number, handler: (dead: DeadLetter) => Promise<void>): Promise<void> {
    const jsm = await this.manager();
    const stored = await jsm.streams.getMessage(WORK_STREAM, { seq });
    if (!stored) return;
    await handler({ ...workOfSubject(stored.subject), deliveries });
    await jsm.streams.deleteMessage(WORK_STREAM, seq, false).catch(() => {});
  }

  private manager(): Promise<JetStreamManager> {
    this.jsm ??= this.js.jetstreamManager();
    return this.jsm;
  }
}

function delivery(m: JsMsg, item: WorkItem): WorkDelivery {
  return {
    item,
    deliveryCount: m.info.deliveryCount,
    ack: () => m.ack(),
    nak: (delayMs) => m.nak(delayMs),
    // Without the reason: servers before 2.10 take "+TERM <reason>" for no acknowledgement and deliver it again.
    term: () => m.term(),
    heartbeat: () => m.working(),
  };
}
