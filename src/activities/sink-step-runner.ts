/**
 * Runs the orchestrator's sink steps (prepare, finalize) on an activity thread with limits and a time budget.
 * Steps of several commands share the thread; when it dies (out of memory, a crash) nobody can tell which step
 * killed it, so each step it took down runs again alone on a thread of its own: only the culprit fails twice.
 * A step over its budget is known to be the culprit and fails at once. The shared thread is stopped after idleMs
 * without a step and boots again with the next one.
 */
import type { SinkContext } from '../sinks/types.js';
import type { SinkStep } from './activities.js';
import { ActivityThread, type Budget } from './activity-thread.js';
import { IdleThreadSlot } from './idle-thread-slot.js';
import { onLongBatch } from './long-batches.js';
import { ThreadDiedError, type ThreadLimits } from './thread-limits.js';

export class SinkStepRunner {
  private readonly shared: IdleThreadSlot;
  private readonly unsubscribe: () => void;

  /** idleMs: how long the shared thread stays up without a step (0: always); it stops at once when a long batch starts. */
  constructor(private readonly limits: ThreadLimits, private readonly timeoutSeconds: number, idleMs = 0) {
    this.shared = new IdleThreadSlot(() => this.newThread(), idleMs);
    this.unsubscribe = onLongBatch(() => this.shared.stopIfIdle());
  }

  async runSinkStep(step: SinkStep, service: string, ctx: SinkContext): Promise<void> {
    try {
      await this.shared.use((thread) => thread.runSinkStep(step, service, ctx, this.budget(step)));
    } catch (err) {
      if (!(err instanceof ThreadDiedError) || err.death === 'budget') throw err;
      const alone = this.newThread();
      try {
        await alone.runSinkStep(step, service, ctx, this.budget(step));
      } finally {
        await alone.close();
      }
    }
  }

  ready(): Promise<void> {
    return this.shared.ready;
  }

  /** Whether the shared thread is up (booted and not stopped for being idle). */
  get threadUp(): boolean {
    return this.shared.booted;
  }

  close(): Promise<void> {
    this.unsubscribe();
    return this.shared.close();
  }

  private newThread(): ActivityThread {
    return new ActivityThread({ limits: this.limits, label: 'activity thread', kinds: ['sink'] });
  }

  private budget(step: string): Budget {
    return { ms: this.timeoutSeconds * 1000, message: `sink ${step} exceeded its time budget of ${this.timeoutSeconds} s (DATAGEN_BATCH_TIMEOUT_SECONDS)` };
  }
}
