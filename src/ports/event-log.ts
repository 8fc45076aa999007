/**
 * The event log port: the append-only history every role reads and writes (DATAGEN_EVENTS in production).
 * Appends carry a message id; a second append of the same id inside the de-duplication window is a duplicate
 * and answers the first one's sequence. Filters are subject patterns of src/events/subjects.ts (`*`, `>`).
 */
import type { ScheduleEventMap, ScheduleEventType, StoredScheduleEvent } from '../events/schedule-types.js';
import type { CommandEventMap, CommandEventType, StoredEvent } from '../events/types.js';

export interface AppendOptions {
  actor?: string;
  causationId?: string;
  /** Overrides the deterministic message id (only for facts that may legitimately repeat). */
  msgId?: string;
}

export interface AppendResult {
  seq: number;
  /** The message id was already appended: nothing new was stored, `seq` is the first append's. */
  duplicate: boolean;
}

export type Unsubscribe = () => Promise<void>;

/** Any event of the log: a command's or a schedule's. */
export type LoggedEvent = StoredEvent | StoredScheduleEvent;

export interface FollowOptions {
  /** Subject pattern; all command events when unset. */
  filter?: string;
  /** First sequence to deliver (1 = the beginning, the default). */
  fromSeq?: number;
  /** Fires once, when the events present at subscription time were all delivered. */
  onCaughtUp?: () => void;
  /** Fires when the follow stops for good because the handler failed. */
  onFailed?: (err: unknown) => void;
}

export interface EventLog {
  append<T extends CommandEventType>(commandUuid: string, type: T, data: CommandEventMap[T], opts?: AppendOptions): Promise<AppendResult>;
  appendSchedule<T extends ScheduleEventType>(scheduleId: string, type: T, data: ScheduleEventMap[T], opts?: AppendOptions): Promise<AppendResult>;
  /** Every event of one command, in log order (empty when the command does not exist). */
  readCommand(commandUuid: string): Promise<StoredEvent[]>;
  readSchedule(scheduleId: string): Promise<StoredScheduleEvent[]>;
  /** The events matching `filter` from the start up to the current end (or up to `upToSeq`). */
  readAll(filter?: string, upToSeq?: number): Promise<StoredEvent[]>;
  /** Calls `handler` for every matching event from `fromSeq`, then live, in order, one at a time. */
  follow<E = StoredEvent>(handler: (e: E) => void | Promise<void>, opts?: FollowOptions): Promise<Unsubscribe>;
  /** Whether the command has an event of that type. */
  has(commandUuid: string, type: CommandEventType): Promise<boolean>;
  /** Sequence of the last event in the log (0 when empty). */
  lastSeq(): Promise<number>;
}

/**
 * Follows the log and resolves once every event present now has been handled: the one way a role rebuilds
 * its state before it acts on live events.
 */
export async function followCaughtUp<E = StoredEvent>(log: EventLog, handler: (e: E) => void | Promise<void>, opts: Omit<FollowOptions, 'onCaughtUp' | 'onFailed'> = {}): Promise<Unsubscribe> {
  let caughtUp!: () => void;
  let failed!: (err: unknown) => void;
  const ready = new Promise<void>((resolve, reject) => ((caughtUp = resolve), (failed = reject)));
  const unsubscribe = await log.follow(handler, { ...opts, onCaughtUp: () => caughtUp(), onFailed: (err) => failed(err) });
  // A handler that fails during the catch-up ends the follow: the caller hears it instead of waiting for ever.
  await ready.catch(async (err) => {
    await unsubscribe();
    throw err;
  });
  return unsubscribe;
}
