/**
 * The read model: every command's folded state, rebuilt by replaying DATAGEN_EVENTS from the start and
 * then following live. Queries answer from memory; writers can wait until a given sequence is applied.
 */
import { STATUSES, type CommandStatus } from '../../machines/command.machine.js';
import { applyEvent, statusOf, type CommandSnapshot } from '../command/fold.js';
import type { StoredEvent } from '../events/types.js';
import { isScheduleEvent, type StoredScheduleEvent } from '../events/schedule-types.js';
import { evolveSchedule, type ScheduleState } from '../schedule/schedule-state.js';

type Waiter = { seq: number; resolve: () => void };
type Listener = (event: StoredEvent, snapshot: CommandSnapshot | undefined) => void;

export class ReadModel {
  private readonly commands = new Map<string, CommandSnapshot>();
  private readonly schedules = new Map<string, ScheduleState>();
  private waiters: Waiter[] = [];
  private readonly listeners = new Set<Listener>();
  /** Last stream sequence applied. */
  appliedSeq = 0;
  rejected = 0;

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
      const result = applyEvent(this.commands.get(uuid), event);
      if (result.accepted) this.commands.set(uuid, result.snapshot);
      else this.rejected++;
    }
    this.advance(event.seq);
    for (const l of this.listeners) l(event, uuid ? this.commands.get(uuid) : undefined);
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

  get(uuid: string): CommandSnapshot | undefined {
    return this.commands.get(uuid);
  }

  all(): CommandSnapshot[] {
    return [...this.commands.values()];
  }

  byStatus(status: CommandStatus): CommandSnapshot[] {
    return this.all().filter((s) => statusOf(s) === status);
  }

  countsByStatus(): Record<CommandStatus, number> {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CommandStatus, number>;
    for (const s of this.commands.values()) counts[statusOf(s)]++;
    return counts;
  }
}
