/** A clock that moves only when a spec advances it: timers fire in due order, each at its own instant. */
import type { CancelTimer, Clock } from '../ports/clock.js';

interface Timer {
  at: number;
  order: number;
  fn: () => void;
}

export class ManualClock implements Clock {
  private timers: Timer[] = [];
  private order = 0;

  constructor(private current = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  setTimer(fn: () => void, ms: number): CancelTimer {
    const timer = { at: this.current + Math.max(0, ms), order: this.order++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way (also timers they set). */
  advance(ms: number): void {
    const until = this.current + ms;
    for (let next = this.due(until); next; next = this.due(until)) {
      this.timers = this.timers.filter((t) => t !== next);
      this.current = next.at;
      next.fn();
    }
    this.current = until;
  }

  /** Timers waiting to fire. */
  get pending(): number {
    return this.timers.length;
  }

  private due(until: number): Timer | undefined {
    let first: Timer | undefined;
    for (const t of this.timers) if (t.at <= until && (!first || t.at < first.at || (t.at === first.at && t.order < first.order))) first = t;
    return first;
  }
}
