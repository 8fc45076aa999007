/**
 * A slot for one activity thread that is stopped after a while without jobs and booted again by the next one:
 * every booted thread holds 50-100 MB of resident memory (its heap, its code, its dictionaries), which a service
 * idle after a run should give back. The thread boots with the slot, so a service that has just started answers
 * its first command without waiting for one; a command after a long idle pays its thread's boot (well under a
 * second, its dictionaries included).
 */
import type { ActivityThread } from './activity-thread.js';

export class IdleThreadSlot {
  private thread: ActivityThread | undefined;
  private jobs = 0;
  private timer: NodeJS.Timeout | undefined;

  /** idleMs 0: the thread is never stopped for being idle. */
  constructor(private readonly make: () => ActivityThread, private readonly idleMs: number) {
    const thread = make();
    this.thread = thread;
    // Idle from when it has booted, not while it boots.
    void thread.ready.then(() => this.stopWhenIdle());
  }

  /** Runs a job on the slot's thread, booting one if it was stopped (or replacing it if it died). */
  async use<T>(job: (thread: ActivityThread) => Promise<T>): Promise<T> {
    clearTimeout(this.timer);
    this.jobs++;
    try {
      return await job(this.current());
    } finally {
      this.jobs--;
      this.stopWhenIdle();
    }
  }

  /** Boots a replacement at once for a thread that died, so the next job does not wait for it. */
  replaceIfDead(): void {
    if (this.thread?.isDead) this.thread = this.make();
  }

  get booted(): boolean {
    return this.thread !== undefined;
  }

  /** Settles when the thread (if one is up) has booted or died. */
  get ready(): Promise<void> {
    return this.thread?.ready ?? Promise.resolve();
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    const thread = this.thread;
    this.thread = undefined;
    await thread?.close();
  }

  private current(): ActivityThread {
    if (!this.thread || this.thread.isDead) this.thread = this.make();
    return this.thread;
  }

  /** Stops the thread now if it has no job (a slot whose idleMs is 0 keeps it). */
  stopIfIdle(): void {
    if (this.idleMs <= 0 || this.jobs > 0 || !this.thread) return;
    clearTimeout(this.timer);
    this.retire();
  }

  private retire(): void {
    const thread = this.thread;
    this.thread = undefined;
    void thread?.close();
  }

  private stopWhenIdle(): void {
    clearTimeout(this.timer);
    if (this.idleMs <= 0 || this.jobs > 0 || !this.thread) return;
    this.timer = setTimeout(() => {
      if (this.jobs > 0 || !this.thread) return;
      this.retire();
    }, this.idleMs);
    this.timer.unref();
  }
}
