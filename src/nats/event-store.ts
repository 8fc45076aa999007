/**
 * Append-only access to DATAGEN_EVENTS: appends carry a deterministic Nats-Msg-Id, reads use ordered
 * consumers (the client recreates them after a reconnect, at the right sequence).
 */
import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { ALL_COMMANDS, commandFilter, commandSubject, EVENTS_STREAM, eventMsgId } from '../events/subjects.js';
import { scheduleFilter, scheduleMsgId, scheduleSubject, type ScheduleEventMap, type ScheduleEventType, type StoredScheduleEvent } from '../events/schedule-types.js';
import { SCHEMA_VERSION, type CommandEvent, type CommandEventMap, type CommandEventType, type StoredEvent } from '../events/types.js';

export interface AppendOptions {
  actor?: string;
  causationId?: string;
  /** Overrides the deterministic message id (only for facts that may legitimately repeat). */
  msgId?: string;
}

export interface AppendResult {
  seq: number;
  duplicate: boolean;
}

export type Unsubscribe = () => Promise<void>;

export class EventStore {
  constructor(private readonly js: JetStreamClient) {}

  async append<T extends CommandEventType>(commandUuid: string, type: T, data: CommandEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const msgID = opts.msgId ?? eventMsgId(commandUuid, type, data);
    const event = {
      type,
      data,
      meta: {
        commandUuid,
        eventId: randomUUID(),
        schemaVersion: SCHEMA_VERSION,
        occurredAt: new Date().toISOString(),
        ...(opts.causationId ? { causationId: opts.causationId } : {}),
        ...(opts.actor ? { actor: opts.actor } : {}),
      },
    };
    const ack = await this.js.publish(commandSubject(commandUuid, type), JSON.stringify(event), { msgID, timeout: 10000 });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  async appendSchedule<T extends ScheduleEventType>(scheduleId: string, type: T, data: ScheduleEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const event = {
      type,
      data,
      meta: { scheduleId, eventId: randomUUID(), schemaVersion: SCHEMA_VERSION, occurredAt: new Date().toISOString(), ...(opts.actor ? { actor: opts.actor } : {}) },
    };
    const ack = await this.js.publish(scheduleSubject(scheduleId, type), JSON.stringify(event), { msgID: opts.msgId ?? scheduleMsgId(scheduleId, type, data), timeout: 10000 });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  async readSchedule(scheduleId: string): Promise<StoredScheduleEvent[]> {
    return (await this.readAll(scheduleFilter(scheduleId))) as unknown as StoredScheduleEvent[];
  }

  /** Every event of one command, in stream order (empty when the command does not exist). */
  async readCommand(commandUuid: string): Promise<StoredEvent[]> {
    return this.readAll(commandFilter(commandUuid));
  }

  /** Reads a subject filter from the start up to the current end of the stream. */
  async readAll(filter: string = ALL_COMMANDS, upToSeq?: number): Promise<StoredEvent[]> {
    const consumer = await this.js.consumers.get(EVENTS_STREAM, { filter_subjects: filter, deliver_policy: DeliverPolicy.All });
    const info = await consumer.info(true);
    const out: StoredEvent[] = [];
    if (info.num_pending === 0) {
      await consumer.delete().catch(() => {});
      return out;
    }
    const messages = await consumer.consume({ max_messages: 1000 });
    try {
      for await (const m of messages) {
        if (upToSeq !== undefined && m.seq > upToSeq) break;
        out.push(decode(m));
        if (m.info.pending === 0 || (upToSeq !== undefined && m.seq >= upToSeq)) break;
      }
    } finally {
      await messages.close().catch(() => {});
    }
    return out;
  }

  /**
   * Calls `handler` for every event from `fromSeq` (1 = the beginning), then live, in order.
   * `onCaughtUp` fires once the events present at subscription time were all delivered.
   */
  async follow<E = StoredEvent>(handler: (e: E) => void | Promise<void>, opts: { filter?: string; fromSeq?: number; onCaughtUp?: () => void } = {}): Promise<Unsubscribe> {
    const consumer = await this.js.consumers.get(EVENTS_STREAM, {
      filter_subjects: opts.filter ?? ALL_COMMANDS,
      ...(opts.fromSeq && opts.fromSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: opts.fromSeq } : { deliver_policy: DeliverPolicy.All }),
    });
    const info = await consumer.info(true);
    let caughtUp = false;
    const markCaughtUp = () => {
      if (!caughtUp) {
        caughtUp = true;
        opts.onCaughtUp?.();
      }
    };
    if (info.num_pending === 0) markCaughtUp();
    const messages = await consumer.consume({ max_messages: 1000 });
    const loop = (async () => {
      for await (const m of messages) {
        let event: E;
        try {
          event = decode(m) as E;
        } catch {
          continue; // not an event of ours: never let one bad message stop the projection
        }
        await handler(event);
        if (m.info.pending === 0) markCaughtUp();
      }
    })();
    return async () => {
      await messages.close().catch(() => {});
      await loop.catch(() => {});
    };
  }

  /** Whether the command has an event of that type (one direct lookup by subject, no replay). */
  async has(commandUuid: string, type: CommandEventType): Promise<boolean> {
    const jsm = await this.manager();
    return (await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: commandSubject(commandUuid, type) })) !== null;
  }

  private jsmPromise?: Promise<JetStreamManager>;
  private manager(): Promise<JetStreamManager> {
    this.jsmPromise ??= this.js.jetstreamManager();
    return this.jsmPromise;
  }

  async lastSeq(): Promise<number> {
    const jsm = await this.manager();
    const info = await jsm.streams.info(EVENTS_STREAM);
    return info.state.last_seq;
  }
}

export function decode(m: JsMsg): StoredEvent {
  const e = m.json<CommandEvent>();
  if (!e || typeof e.type !== 'string' || !e.meta) throw new Error(`message ${m.seq} on ${m.subject} is not a datagen event`);
  return { ...e, seq: m.seq } as StoredEvent;
}
