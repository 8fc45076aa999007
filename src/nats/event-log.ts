/**
 * The event log on DATAGEN_EVENTS: appends carry a deterministic Nats-Msg-Id (the server's duplicate window
 * de-duplicates them), reads use ordered consumers (the client recreates them after a reconnect, at the right
 * sequence).
 */
import { DeliverPolicy, type JetStreamClient, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { ALL_COMMANDS, commandFilter, commandSubject, EVENTS_STREAM, eventMsgId } from '../events/subjects.js';
import { scheduleFilter, scheduleMsgId, scheduleSubject, type ScheduleEventMap, type ScheduleEventType, type StoredScheduleEvent } from '../events/schedule-types.js';
import type { CommandEvent, CommandEventMap, CommandEventType, StoredEvent } from '../events/types.js';
import { commandEnvelope, scheduleEnvelope, type Stamp } from '../events/envelope.js';
import type { AppendOptions, AppendResult, EventLog, FollowOptions, Unsubscribe } from '../ports/event-log.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { randomIds, type Ids } from '../ports/ids.js';

const PUBLISH_TIMEOUT_MS = 10000;

export class NatsEventLog implements EventLog {
  constructor(private readonly js: JetStreamClient, private readonly clock: Clock = systemClock, private readonly ids: Ids = randomIds) {}

  async append<T extends CommandEventType>(commandUuid: string, type: T, data: CommandEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const event = commandEnvelope(commandUuid, type, data, this.stamp(opts));
    return this.publish(commandSubject(commandUuid, type), event, opts.msgId ?? eventMsgId(commandUuid, type, data));
  }

  async appendSchedule<T extends ScheduleEventType>(scheduleId: string, type: T, data: ScheduleEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const event = scheduleEnvelope(scheduleId, type, data, this.stamp(opts));
    return this.publish(scheduleSubject(scheduleId, type), event, opts.msgId ?? scheduleMsgId(scheduleId, type, data));
  }

  private async publish(subject: string, event: unknown, msgID: string): Promise<AppendResult> {
    const ack = await this.js.publish(subject, JSON.stringify(event), { msgID, timeout: PUBLISH_TIMEOUT_MS });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  private stamp(opts: AppendOptions): Stamp {
    return { eventId: this.ids.uuid(), at: this.clock.now(), actor: opts.actor, causationId: opts.causationId };
  }

  async readSchedule(scheduleId: string): Promise<StoredScheduleEvent[]> {
    return (await this.readAll(scheduleFilter(scheduleId))) as unknown as StoredScheduleEvent[];
  }

  async readCommand(commandUuid: string): Promise<StoredEvent[]> {
    return this.readAll(commandFilter(commandUuid));
  }

  async readAll(filter: string = ALL_COMMANDS, upToSeq?: number): Promise<StoredEvent[]> {
    // A consumer that stops delivering (seen right after a server restart or a leader change) is dropped and the
    // read starts over on a new one, rather than waiting on it for ever.
    for (let attempt = 1; ; attempt++) {
      const read = await this.readOnce(filter, upToSeq);
      if (read) return read;
      if (attempt >= READ_ATTEMPTS) throw new Error(`reading ${filter} from ${EVENTS_STREAM}: no message for ${READ_IDLE_MS} ms, ${READ_ATTEMPTS} times`);
    }
  }

  /** The events, or undefined when the consumer went quiet for READ_IDLE_MS before the last one. */
  private async readOnce(filter: string, upToSeq?: number): Promise<StoredEvent[] | undefined> {
    const consumer = await this.js.consumers.get(EVENTS_STREAM, { filter_subjects: filter, deliver_policy: DeliverPolicy.All });
    const info = await consumer.info(true);
    const out: StoredEvent[] = [];
    if (info.num_pending === 0) {
      await consumer.delete().catch(() => {});
      return out;
    }
    const messages = await consumer.consume({ max_messages: 1000 });
    let quiet = false;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        quiet = true;
        void messages.close().catch(() => {});
      }, READ_IDLE_MS);
    };
    arm();
    let complete = false;
    try {
      for await (const m of messages) {
        arm();
        if (upToSeq !== undefined && m.seq > upToSeq) {
          complete = true;
          break;
        }
        out.push(decode(m));
        if (m.info.pending === 0 || (upToSeq !== undefined && m.seq >= upToSeq)) {
          complete = true;
          break;
        }
      }
    } finally {
      clearTimeout(timer);
      await messages.close().catch(() => {});
    }
    return complete || !quiet ? out : undefined;
  }

  /**
   * Follows with an ordered consumer, and starts a new one after the last event handled when the consumer's iteration
   * ends or fails without being unsubscribed: on a cluster the ephemeral consumer lives on one server, and a
   * projection must not stop for good when that server dies.
   */
  async follow<E = StoredEvent>(handler: (e: E) => void | Promise<void>, opts: FollowOptions = {}): Promise<Unsubscribe> {
    let caughtUp = false;
    const markCaughtUp = () => {
      if (!caughtUp) {
        caughtUp = true;
        opts.onCaughtUp?.();
      }
    };
    let stopped = false;
    let nextSeq = opts.fromSeq && opts.fromSeq > 1 ? opts.fromSeq : 1;
    let handling = false;
    let toCatchUp: number | undefined;
    let current: { info(): Promise<{ num_pending: number }> } | undefined;
    const open = async () => {
      const consumer = await this.js.consumers.get(EVENTS_STREAM, {
        filter_subjects: opts.filter ?? ALL_COMMANDS,
        ...(nextSeq > 1 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: nextSeq } : { deliver_policy: DeliverPolicy.All }),
      });
      const info = await consumer.info(true);
      // Caught up once the messages pending at the first open are handled: counted, not a moment when nothing is
      // pending, which a steady stream of new events (a schedule firing every few seconds) may never give.
      if (toCatchUp === undefined) toCatchUp = info.num_pending;
      if (info.num_pending === 0 || toCatchUp <= 0) markCaughtUp();
      const consumed = await consumer.consume({ max_messages: 1000, expires: FOLLOW_EXPIRES_MS });
      current = { info: () => consumer.info() };
      // The library keeps waiting on a consumer whose server died; two missed heartbeats end this one instead.
      void (async () => {
        for await (const s of consumed.status()) {
          if (s.type === 'heartbeats_missed' && s.count >= 2) {
            await consumed.close().catch(() => {});
            return;
          }
        }
      })().catch(() => {});
      return consumed;
    };
    let messages = await open();
    // Backstop for a consumer that neither delivers nor reports missed heartbeats (seen after a cluster node was
    // SIGKILLed): events pending, or the consumer unreachable, and no progress for two checks in a row: reopen it.
    let strikes = 0;
    let seqAtCheck = nextSeq;
    const watchdog = setInterval(() => {
      if (stopped || handling) return;
      const unchanged = nextSeq === seqAtCheck;
      seqAtCheck = nextSeq;
      if (!unchanged) {
        strikes = 0;
        return;
      }
      void (current?.info() ?? Promise.reject(new Error('no consumer')))
        .then((i) => i.num_pending > 0, () => true)
        .then((stuck) => {
          strikes = stuck && nextSeq === seqAtCheck ? strikes + 1 : 0;
          if (strikes >= 2) {
            strikes = 0;
            void messages.close().catch(() => {});
          }
        });
    }, FOLLOW_EXPIRES_MS / 2);
    watchdog.unref();
    const loop = (async () => {
      for (;;) {
        try {
          for await (const m of messages) {
            nextSeq = m.seq + 1;
            if (toCatchUp !== undefined) toCatchUp--;
            let event: E;
            try {
              event = decode(m) as E;
            } catch {
              if (m.info.pending === 0 || toCatchUp! <= 0) markCaughtUp();
              continue; // not an event of ours: never let one bad message stop the projection
            }
            handling = true;
            try {
              await handler(event);
            } catch (err) {
              throw new HandlerFailed(err);
            } finally {
              handling = false;
            }
            if (m.info.pending === 0 || toCatchUp! <= 0) markCaughtUp();
          }
        } catch (err) {
          // A failing handler stops the follow, as before; anything else means the consumer is gone: reopened below.
          if (err instanceof HandlerFailed) {
            opts.onFailed?.(err.cause);
            throw err.cause;
          }
        }
        if (stopped) return;
        for (;;) {
          try {
            messages = await open();
            break;
          } catch {
            if (stopped) return;
            await new Promise((r) => setTimeout(r, 500));
          }
        }
        if (stopped) {
          await messages.close().catch(() => {});
          return;
        }
      }
    })();
    void loop.finally(() => clearInterval(watchdog)).catch(() => {});
    return async () => {
      stopped = true;
      clearInterval(watchdog);
      await messages.close().catch(() => {});
      await loop.catch(() => {});
    };
  }

  /** One direct lookup by subject, no replay. */
  async has(commandUuid: string, type: CommandEventType): Promise<boolean> {
    const jsm = await this.manager();
    return (await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: commandSubject(commandUuid, type) })) !== null;
  }

  async lastSeq(): Promise<number> {
    const jsm = await this.manager();
    const info = await jsm.streams.info(EVENTS_STREAM);
    return info.state.last_seq;
  }

  private jsmPromise?: Promise<JetStreamManager>;
  private manager(): Promise<JetStreamManager> {
    this.jsmPromise ??= this.js.jetstreamManager();
    return this.jsmPromise;
  }
}

/** A read of stored events that receives nothing for this long starts over on a new consumer, this many times. */
const READ_IDLE_MS = 10_000;
const READ_ATTEMPTS = 3;

/** A pull's life; heartbeats come every half of it, so a dead consumer is noticed within about this long. */
const FOLLOW_EXPIRES_MS = 10_000;

class HandlerFailed extends Error {
  constructor(cause: unknown) {
    super('follow handler failed', { cause });
  }
}

export function decode(m: JsMsg): StoredEvent {
  const e = m.json<CommandEvent>();
  if (!e || typeof e.type !== 'string' || !e.meta) throw new Error(`message ${m.seq} on ${m.subject} is not a datagen event`);
  return { ...e, seq: m.seq } as StoredEvent;
}
