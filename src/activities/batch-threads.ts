/**
 * The batch puller's activity threads, one per slot: a batch runs on an idle one. A thread that dies (out of
 * memory, a crash, a batch over its budget) fails its batch and is replaced at once, booting while the failure
 * is reported.
 */
import type { BatchResult } from '../sinks/types.js';
import type { BatchActivity } from './activities.js';
import { ActivityThread, type Budget } from './activity-thread.js';
import { ThreadDiedError, type ThreadLimits } from './thread-limits.js';

export class BatchThreads {
  private readonly threads: ActivityThread[] = [];
  private readonly busy = new Set<number>();
  private next = 0;

  constructor(count: number, private readonly limits: ThreadLimits, private readonly timeoutSeconds: number) {
    for (let i = 0; i < count; i++) this.threads.push(this.newThread());
  }

  async run({ item, model, settings, compileDirs }: BatchActivity, onProgress?: (rowsWritten: number) => void): Promise<BatchResult> {
    const index = this.pick();
    if (this.threads[index].isDead) this.threads[index] = this.newThread();
    this.busy.add(index);
    try {
      return await this.threads[index].run({ item, settings, compileDirs }, model, this.budget(), onProgress);
    } catch (err) {
      if (this.threads[index].isDead) this.threads[index] = this.newThread();
      throw withAdvice(err);
    } finally {
      this.busy.delete(index);
    }
  }

  /** Every thread booted, its dictionaries loaded (or dead, to be replaced on use). */
  async ready(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.ready));
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.threads.map((t) => t.close()));
  }

  /** An idle thread; when every one is busy (more callers than slots), the next in turn. */
  private pick(): number {
    for (let i = 0; i < this.threads.length; i++) if (!this.busy.has(i)) return i;
    this.next = (this.next + 1) % this.threads.length;
    return this.next;
  }

  private newThread(): ActivityThread {
    return new ActivityThread({ limits: this.limits, label: 'generator thread', kinds: ['batch'] });
  }

  private budget(): Budget {
    const s = this.timeoutSeconds;
    return { ms: s * 1000, message: `the batch exceeded its time budget of ${s} s (DATAGEN_BATCH_TIMEOUT_SECONDS)` };
  }
}

/** A thread killed by the batch's memory needs says what to change; anything else as it is. */
function withAdvice(err: unknown): unknown {
  if (err instanceof ThreadDiedError && err.death === 'memory') return new Error(`${err.message}: a chunk of this model's rows needs more memory than a thread may use; use smaller fields or raise the heap limit`);
  return err;
}
