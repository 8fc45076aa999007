/**
 * The event log in memory, for specs: the same subjects, message ids and de-duplication window as the NATS
 * adapter (a second append of a message id within the window stores nothing and answers the first sequence),
 * events kept as JSON text so readers get what a JetStream reader would.
 */
import { commandEnvelope, scheduleEnvelope, type Stamp } from '../events/envelope.js';
import { ALL_COMMANDS, commandFilter, commandSubject, eventMsgId } from '../events/subjects.js';
import { scheduleFilter, scheduleMsgId, scheduleSubject, type ScheduleEventMap, type ScheduleEventType, type StoredScheduleEvent } from '../events/schedule-types.js';
import type { CommandEventMap, CommandEventType, StoredEvent } from '../events/types.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { AppendOptions, AppendResult, EventLog, FollowOptions, Unsubscribe } from '../ports/event-log.js';
import { randomIds, type Ids } from '../ports/ids.js';
import { subjectMatches } from './subject-pattern.js';

/** DATAGEN_EVENTS' duplicate window (src/nats/streams.ts). */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;

interface Entry {
  seq: number;
  subject: string;
  json: string;
}

export class InMemoryEventLog implements EventLog {
  private readonly entries: Entry[] = [];
  private readonly msgIds = new Map<string, { seq: number; at: number }>();
  private readonly followers = new Set<() => void>();

  constructor(private readonly clock: Clock = systemClock, private readonly ids: Ids = randomIds) {}

  async append<T extends CommandEventType>(commandUuid: string, type: T, data: CommandEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const event = commandEnvelope(commandUuid, type, data, this.stamp(opts));
    return this.store(commandSubject(commandUuid, type), event, opts.msgId ?? eventMsgId(commandUuid, type, data));
  }

  async appendSchedule<T extends ScheduleEventType>(scheduleId: string, type: T, data: ScheduleEventMap[T], opts: AppendOptions = {}): Promise<AppendResult> {
    const event = scheduleEnvelope(scheduleId, type, data, this.stamp(opts));
    return this.store(scheduleSubject(scheduleId, type), event, opts.msgId ?? scheduleMsgId(scheduleId, type, data));
  }

  private store(subject: string, event: object, msgId: string): AppendResult {
    const now = this.clock.now();
    const previous = this.msgIds.get(msgId);
    if (previous && now - previous.at < DUPLICATE_WINDOW_MS) return { seq: previous.seq, duplicate: true };
    const seq = this.entries.length + 1;
    this.entries.push({ seq, subject, json: JSON.stringify(event) });
    this.msgIds.set(msgId, { seq, at: now });
    for (const wake of this.followers) wake();
    return { seq, duplicate: false };
  }

  private stamp(opts: AppendOptions): Stamp {
    return { eventId: this.ids.uuid(), at: this.clock.now(), actor: opts.actor, causationId: opts.causationId };
  }

  async readCommand(commandUuid: string): Promise<StoredEvent[]> {
    return this.readAll(commandFilter(commandUuid));
  }

  async readSchedule(scheduleId: string): Promise<StoredScheduleEvent[]> {
    return (await this.readAll(scheduleFilter(scheduleId))) as unknown as StoredScheduleEvent[];
  }

  async readAll(filter: string = ALL_COMMANDS, upToSeq?: number): Promise<StoredEvent[]> {
    return this.entries.filter((e) => (upToSeq === undefined || e.seq <= upToSeq) && subjectMatches(filter, e.subject)).map(decode);
  }

  async follow<E = StoredEvent>(handler: (e: E) => void | Promise<void>, opts: FollowOptions = {}): Promise<Unsubscribe> {
    const filter = opts.filter ?? ALL_COMMANDS;
    let cursor = Math.max(0, (opts.fromSeq ?? 1) - 1);
    let caughtUp = false;
    let closed = false;
    let pumping: Promise<void> | undefined;
    const skipToMatch = () => {
      while (cursor < this.entries.length && !subjectMatches(filter, this.entries[cursor].subject)) cursor++;
      return cursor < this.entries.length;
    };
    const markCaughtUp = () => {
      if (caughtUp) return;
      caughtUp = true;
      opts.onCaughtUp?.();
    };
    // Delivered after the append that woke it returns, one event at a time, as a JetStream consumer would;
    // caught up once the events present at subscription are handled, however many arrive meanwhile.
    const endAtStart = this.entries.length;
    const pump = async () => {
      await Promise.resolve();
      while (!closed && skipToMatch()) {
        const entry = this.entries[cursor++];
        const lastOfStart = cursor >= endAtStart || !skipToMatch(); // decided on delivery, as JetStream's pending is
        await handler(decode(entry) as E);
        if (lastOfStart) markCaughtUp();
      }
    };
    let queued = false;
    const wake = () => {
      if (closed || queued) return;
      queued = true;
      pumping = (pumping ?? Promise.resolve()).then(() => {
        queued = false;
        return pump();
      }).catch((err: unknown) => {
        closed = true; // a handler that throws stops this follower, as it stops the NATS adapter's loop
        this.followers.delete(wake);
        opts.onFailed?.(err);
      });
    };
    if (!skipToMatch()) markCaughtUp();
    this.followers.add(wake);
    wake();
    return async () => {
      closed = true;
      this.followers.delete(wake);
      await pumping;
    };
  }

  async has(commandUuid: string, type: CommandEventType): Promise<boolean> {
    const subject = commandSubject(commandUuid, type);
    return this.entries.some((e) => e.subject === subject);
  }

  async lastSeq(): Promise<number> {
    return this.entries.length;
  }
}

function decode(e: Entry): StoredEvent {
  return { ...JSON.parse(e.json), seq: e.seq } as StoredEvent;
}
