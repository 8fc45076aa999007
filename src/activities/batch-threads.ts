/**
 * The batch puller's activity threads, one per slot: a batch runs on an idle one. A thread that dies (out of
 * memory, a crash, a batch over its budget) fails its batch and is replaced at once, booting while the failure
 * is reported. A thread without a batch for idleMs is stopped and boots again with the next batch.
 */
import { batchStarting } from './long-batches.js';
import type { BatchResult } from '../sinks/types.js';
import type { BatchActivity } from './activities.js';
import { ActivityThread, type Budget } from './activity-thread.js';
import { IdleThreadSlot } from './idle-thread-slot.js';
import { ThreadDiedError, type ThreadLimits } from './thread-limits.js';
import type { WorkItem } from '../ports/work-queue.js';
import { pacedSpanMs } from './pacing.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { LlmShared } from './thread-llm-shared.js';

export class BatchThreads {
  private readonly slots: IdleThreadSlot[] = [];
  private readonly busy = new Set<number>();
  private next = 0;

  /** idleMs: how long a thread stays up without a batch (0: always); answers: where seeded LLM answers are recorded;
   * llmShared: the deployment-wide LLM permits and spend. */
  constructor(count: number, private readonly limits: ThreadLimits, private readonly timeoutSeconds: number, idleMs = 0, private readonly answers?: LlmAnswers, private readonly llmShared?: LlmShared) {
    for (let i = 0; i < count; i++) this.slots.push(new IdleThreadSlot(() => this.newThread(), idleMs));
  }

  async run({ item, model, settings, compileDirs }: BatchActivity, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult> {
    const index = this.pick();
    const slot = this.slots[index];
    this.busy.add(index);
    batchStarting(item.rows);
    try {
      return await slot.use((thread) => thread.run({ item, settings, compileDirs }, model, this.budget(item), onProgress, stop));
    } catch (err) {
      slot.replaceIfDead();
      throw withAdvice(err);
    } finally {
      this.busy.delete(index);
    }
  }

  /** Every thread up booted, its dictionaries loaded (or dead, to be replaced on use). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.ready));
  }

  /** Threads up now (stopped ones boot on the next batch). */
  get threadsUp(): number {
    return this.slots.filter((s) => s.booted).length;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.slots.map((s) => s.close()));
  }

  /** An idle slot whose thread is up, else any idle one; when every one is busy (more callers than slots), the next in turn. */
  private pick(): number {
    const idle = this.slots.map((_, i) => i).filter((i) => !this.busy.has(i));
    const up = idle.find((i) => this.slots[i].booted);
    if (up !== undefined) return up;
    if (idle.length) return idle[0];
    this.next = (this.next + 1) % this.slots.length;
    return this.next;
  }

  private newThread(): ActivityThread {
    return new ActivityThread({ limits: this.limits, label: 'generator thread', kinds: ['batch'], ...(this.answers ? { answers: this.answers } : {}), ...(this.llmShared ? { llmShared: this.llmShared } : {}) });
  }

  /** A rate-controlled batch also has the time its pace needs: its last row's instant is not before then. */
  private budget(item: WorkItem): Budget {
    const s = this.timeoutSeconds;
    const paced = item.pace ? pacedSpanMs(item.pace, item.batch * item.rows, item.rows, Date.now()) : 0;
    const suffix = paced > 0 ? ` beyond the ${Math.ceil(paced / 1000)} s its rate needs` : '';
    return { ms: s * 1000 + paced, message: `the batch exceeded its time budget of ${s} s (DATAGEN_BATCH_TIMEOUT_SECONDS)${suffix}` };
  }
}

/** A thread killed by the batch's memory needs says what to change; anything else as it is. */
function withAdvice(err: unknown): unknown {
  if (err instanceof ThreadDiedError && err.death === 'memory') return new Error(`${err.message}: a chunk of this model's rows needs more memory than a thread may use; use smaller fields or raise the heap limit`);
  return err;
}
