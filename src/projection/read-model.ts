/**
 * The read model: every command's folded state, rebuilt from a snapshot (src/projection/projector.ts) or by
 * replaying DATAGEN_EVENTS from the start, then following live. Queries answer from memory; writers can wait
 * until a given sequence is applied.
 * Memory stays bounded for ended commands: each keeps only its status view (frozen: an ended command's view no
 * longer changes, not even its duration), which the list queries answer from; their full states live in an LRU
 * of `viewCache` entries and are folded again from the command's own events (read by subject) on demand.
 */
import { STATUSES, TERMINAL_STATUSES, type CommandStatus } from '../../machines/command.machine.js';
import { applyEvent, contextOf, foldEvents, statusOf, type CommandSnapshot } from '../command/fold.js';
import type { StoredEvent } from '../events/types.js';
import { isScheduleEvent, type StoredScheduleEvent } from '../events/schedule-types.js';
import { evolveSchedule, type ScheduleState } from '../schedule/schedule-state.js';
import { waitingFor } from '../command/dependencies.js';
import { statusView, type StatusView } from './status-view.js';

type Waiter = { seq: number; resolve: () => void };
type Listener = (event: StoredEvent, snapshot: CommandSnapshot | undefined) => void;

/** An ended command as the read model keeps it: its final status view. */
export class EndedCommand {
  constructor(readonly view: StatusView) {}
}

export interface ReadModelOptions {
  /** Full states of ended commands kept in memory (the most recently used); unbounded without `history`. */
  viewCache?: number;
  /** A command's events, to fold an ended command again when its state is not in memory. */
  history?: (commandUuid: string) => Promise<StoredEvent[]>;
}

const ENDED = new Set<string>(TERMINAL_STATUSES);

export class ReadModel {
  /** Every command in the order it was queued: open ones by their state, ended ones by their final view. */
  private readonly commands = new Map<string, CommandSnapshot | EndedCommand>();
  /** Full states of ended commands, least recently used first. */
  private readonly endedStates = new Map<string, CommandSnapshot>();
  private readonly schedules = new Map<string, ScheduleState>();
  private readonly viewCache: number;
  private readonly history?: (commandUuid: string) => Promise<StoredEvent[]>;
  private waiters: Waiter[] = [];
  private readonly listeners = new Set<Listener>();
  /** Last stream sequence applied. */
  appliedSeq = 0;
  rejected = 0;

  constructor(options: ReadModelOptions = {}) {
    this.history = options.history;
    this.viewCache = options.history ? Math.max(0, options.viewCache ?? 10_000) : Infinity;
  }

  apply(event: StoredEvent | StoredScheduleEvent): void {
    if (event.seq <= this.appliedSeq) return;
    if (isScheduleEvent(event)) {
      const next = evolveSchedule(this.schedules.get(event.meta.scheduleId), event);
      if (next) this.schedules.set(event.meta.scheduleId, next);
      this.advance(event.seq);
      for (const l of this.scheduleListeners) l(event);
      return;
    }
    const uuid = event.meta?.commandUuid;
    if (uuid) {
      // An ended command accepts no event: one whose state was evicted needs no fold to know it.
      const result = this.isEvicted(uuid) ? undefined : applyEvent(this.get(uuid), event);
      if (result?.accepted) this.store(uuid, result.snapshot);
      else this.rejected++;
    }
    this.advance(event.seq);
    for (const l of this.listeners) l(event, uuid ? this.get(uuid) : undefined);
  }

  private store(uuid: string, snapshot: CommandSnapshot): void {
    if (!ENDED.has(statusOf(snapshot))) {
      this.commands.set(uuid, snapshot);
      return;
    }
    this.commands.set(uuid, new EndedCommand(Object.freeze(statusView(snapshot))));
    this.remember(uuid, snapshot);
  }

  private remember(uuid: string, snapshot: CommandSnapshot): void {
    this.endedStates.delete(uuid);
    if (this.viewCache === 0) return;
    this.endedStates.set(uuid, snapshot);
    if (this.endedStates.size > this.viewCache) this.endedStates.delete(this.endedStates.keys().next().value!);
  }

  private advance(seq: number): void {
    this.appliedSeq = seq;
    if (this.waiters.length) {
      const ready = this.waiters.filter((w) => w.seq <= seq);
      this.waiters = this.waiters.filter((w) => w.seq > seq);
      for (const w of ready) w.resolve();
    }
  }

  private readonly scheduleListeners = new Set<(e: StoredScheduleEvent) => void>();

  onScheduleEvent(listener: (e: StoredScheduleEvent) => void): () => void {
    this.scheduleListeners.add(listener);
    return () => this.scheduleListeners.delete(listener);
  }

  schedule(id: string): ScheduleState | undefined {
    return this.schedules.get(id);
  }

  allSchedules(): ScheduleState[] {
    return [...this.schedules.values()];
  }

  /** Advances past an event this read model does not keep (it stays usable with waitFor). */
  skip(seq: number): void {
    if (seq > this.appliedSeq) this.advance(seq);
  }

  /** Resolves once the event at `seq` (and all before it) is applied. */
  waitFor(seq: number, timeoutMs = 10000): Promise<void> {
    if (seq <= this.appliedSeq) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = { seq, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs).unref();
    });
  }

  onEvent(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  has(uuid: string): boolean {
    return this.commands.has(uuid);
  }

  /** The command's state when it is in memory (open, or ended and cached); `load` folds an evicted one again. */
  get(uuid: string): CommandSnapshot | undefined {
    const entry = this.commands.get(uuid);
    if (!(entry instanceof EndedCommand)) return entry;
    const snapshot = this.endedStates.get(uuid);
    if (snapshot) this.remember(uuid, snapshot);
    return snapshot;
  }

  /** Whether the command ended and its state is not in memory: `load` reads it from the log. */
  isEvicted(uuid: string): boolean {
    return this.commands.get(uuid) instanceof EndedCommand && !this.endedStates.has(uuid);
  }

  /** The command's state, folded again from its own events (up to the applied sequence) when it was evicted. */
  async load(uuid: string): Promise<CommandSnapshot | undefined> {
    const held = this.get(uuid);
    if (held || !this.history || !this.isEvicted(uuid)) return held;
    const upTo = this.appliedSeq;
    const snapshot = foldEvents((await this.history(uuid)).filter((e) => e.seq <= upTo));
    if (!snapshot) return undefined;
    if (this.isEvicted(uuid)) this.remember(uuid, snapshot);
    return this.get(uuid) ?? snapshot;
  }

  status(uuid: string): CommandStatus | undefined {
    const entry = this.commands.get(uuid);
    if (entry === undefined) return undefined;
    return entry instanceof EndedCommand ? entry.view.status : statusOf(entry);
  }

  /** The command's status view (what the list queries answer), without reading the log. */
  view(uuid: string, now = Date.now()): StatusView | undefined {
    const entry = this.commands.get(uuid);
    if (entry === undefined) return undefined;
    return entry instanceof EndedCommand ? entry.view : this.openView(entry, now);
  }

  /** Every command's status view, in the order they were queued. */
  views(now = Date.now()): StatusView[] {
    return [...this.commands.values()].map((e) => (e instanceof EndedCommand ? e.view : this.openView(e, now)));
  }

  /** An open command's view, with the commands it still waits for while QUEUED. */
  private openView(snapshot: CommandSnapshot, now: number): StatusView {
    return { ...statusView(snapshot, now), ...this.waitsOf(snapshot) };
  }

  /** `waitingFor`: a QUEUED command's `after` that are not FINISHED (other states: nothing). */
  waitsOf(snapshot: CommandSnapshot): { waitingFor?: string[] } {
    const { after } = contextOf(snapshot);
    if (!after?.length || statusOf(snapshot) !== 'QUEUED') return {};
    return { waitingFor: waitingFor(after, (uuid) => this.status(uuid)) };
  }

  byStatus(status: CommandStatus, now = Date.now()): StatusView[] {
    return this.views(now).filter((v) => v.status === status);
  }

  /** Number of commands. */
  get size(): number {
    return this.commands.size;
  }

  /** The states in memory: every open command's, and the cached ones of ended commands. */
  all(): CommandSnapshot[] {
    return [...this.commands.keys()].map((u) => this.peek(u)).filter((s): s is CommandSnapshot => s !== undefined);
  }

  /** A command's state in memory, without touching the LRU's order. */
  peek(uuid: string): CommandSnapshot | undefined {
    const entry = this.commands.get(uuid);
    return entry instanceof EndedCommand ? this.endedStates.get(uuid) : entry;
  }

  countsByStatus(): Record<CommandStatus, number> {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CommandStatus, number>;
    for (const e of this.commands.values()) counts[e instanceof EndedCommand ? e.view.status : statusOf(e)]++;
    return counts;
  }

  /**
   * The whole state at `appliedSeq`, as immutable values: what a snapshot encodes (src/projection/read-model-snapshot.ts).
   * Ended commands' full states are part of it only without `history` (nothing could fold them again).
   */
  capture(): ReadModelState {
    return { seq: this.appliedSeq, rejected: this.rejected, commands: [...this.commands], schedules: [...this.schedules], endedStates: this.history ? [] : [...this.endedStates] };
  }

  /** Replaces the state with a captured one (a fresh read model, before any event is applied). */
  restore(state: ReadModelState): void {
    this.commands.clear();
    this.endedStates.clear();
    this.schedules.clear();
    for (const [uuid, entry] of state.commands) this.commands.set(uuid, entry);
    for (const [id, s] of state.schedules) this.schedules.set(id, s);
    for (const [uuid, s] of state.endedStates) if (this.commands.get(uuid) instanceof EndedCommand) this.remember(uuid, s);
    this.rejected = state.rejected;
    this.advance(state.seq);
  }
}

export interface ReadModelState {
  seq: number;
  rejected: number;
  commands: Array<[string, CommandSnapshot | EndedCommand]>;
  schedules: Array<[string, ScheduleState]>;
  /** Full states of ended commands held in memory, least recently used first. */
  endedStates: Array<[string, CommandSnapshot]>;
}
