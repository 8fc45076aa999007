/**
 * The API's model checks (compile at submission, /model/test) on a small pool of threads, one check per thread at
 * a time, so that the API's own thread only routes requests: a slow or hostile model holds up one thread for at
 * most its budget, and one that exhausts a thread's memory gets a 400 while its thread is replaced.
 * Checks wait in a bounded queue (503 beyond it). Tests may take every thread but one, so a burst of slow model
 * tests never holds up the submissions' compile checks. The first thread boots with the service (dictionaries
 * loaded) and stays up, or with firstIdleMs stops after that long without work and boots again with the next
 * check; the others boot when checks overlap and stop after a minute without work, since each holds some 50-80 MB
 * that an idle service should not keep.
 */
import type { Logger } from 'pino';
import { AppError, BadRequestError, ServiceUnavailableError } from '../errors.js';
import type { CompileEnv } from '../model/compile.js';
import type { TestRowResult } from '../model/test-row.js';
import type { ModelDefinition } from '../model/types.js';
import type { ApiRowsRequest, ApiRowsResult } from '../model/api-rows.js';
import type { ModelCheckJob, ModelCheckResult } from './thread-jobs.js';
import { ActivityThread, type Budget } from './activity-thread.js';
import { onLongBatch } from './long-batches.js';
import { ThreadDiedError, type ThreadLimits } from './thread-limits.js';

export interface ModelCheckSettings {
  threads: number;
  /** Checks waiting for a thread beyond which new ones get a 503. */
  queueLimit: number;
  /** Time budget of one check. */
  timeoutMs: number;
  limits: ThreadLimits;
  /** How long a thread beyond the first stays up without work (default one minute). */
  idleMs?: number;
  /** How long the first thread stays up without work (absent or 0: always). */
  firstIdleMs?: number;
}

type Kind = ModelCheckJob['check'];

interface Queued {
  job: Omit<ModelCheckJob, 'id'>;
  resolve: (r: ModelCheckResult) => void;
  reject: (e: Error) => void;
}

interface Slot {
  /** Absent while the slot is not booted (every slot but the first, until checks overlap). */
  thread?: ActivityThread;
  busy?: Kind;
  /** Stops the slot's thread once it has been idle for idleMs. */
  idleTimer?: NodeJS.Timeout;
}

const DEFAULT_IDLE_MS = 60_000;

const WHAT: Record<Kind, string> = { compile: 'model check', test: 'model test', rows: 'API row generation' };

export class ModelCheckPool {
  private readonly slots: Slot[];
  private readonly queue: Queued[] = [];
  private readonly unsubscribe: () => void;

  constructor(private readonly settings: ModelCheckSettings, private readonly log?: Logger) {
    this.slots = Array.from({ length: Math.max(1, settings.threads) }, (_, i) => (i === 0 ? { thread: this.newThread() } : {}));
    // Idle from when it has booted, not while it boots.
    void this.slots[0].thread!.ready.then(() => this.retireWhenIdle(this.slots[0]));
    this.unsubscribe = onLongBatch(() => this.retireIdleNow());
  }

  /** Compiles the model as a batch would: a 400 for what only compilation finds (a formula, a CSV file). */
  async compile(model: ModelDefinition, env: CompileEnv): Promise<void> {
    await this.submit({ check: 'compile', model, env });
  }

  async testRow(model: ModelDefinition, env: CompileEnv, seed?: number): Promise<TestRowResult> {
    return (await this.submit({ check: 'test', model, env, ...(seed !== undefined ? { seed } : {}) })) as TestRowResult;
  }

  /** GET /datagen/api/gen's rows, the model kept compiled on the thread under request.cacheKey. */
  async apiRows(model: ModelDefinition, env: CompileEnv, request: ApiRowsRequest): Promise<ApiRowsResult> {
    const { cacheKey, rows, seed } = request;
    return (await this.submit({ check: 'rows', model, env, cacheKey, rows, ...(seed !== undefined ? { seed } : {}) })) as ApiRowsResult;
  }

  get running(): number {
    return this.slots.filter((s) => s.busy).length;
  }

  get queued(): number {
    return this.queue.length;
  }

  /** Threads up now (the first, unless stopped after firstIdleMs; others while checks overlap). */
  get threadsUp(): number {
    return this.slots.filter((s) => s.thread).length;
  }

  /** Every thread up booted, its dictionaries loaded (or dead, to be replaced on use). */
  async ready(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.thread?.ready));
  }

  async close(): Promise<void> {
    this.unsubscribe();
    for (const q of this.queue.splice(0)) q.reject(new ServiceUnavailableError('the service is stopping'));
    for (const s of this.slots) clearTimeout(s.idleTimer);
    await Promise.allSettled(this.slots.map((s) => s.thread?.close()));
  }

  private submit(job: Omit<ModelCheckJob, 'id'>): Promise<ModelCheckResult> {
    if (this.queue.length >= this.settings.queueLimit) {
      return Promise.reject(new ServiceUnavailableError(`${WHAT[job.check]}s are saturated (${this.queue.length} waiting, DATAGEN_MODEL_CHECK_QUEUE); retry shortly`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    // Booted slots first, so a thread is started only when every booted one is busy.
    for (const slot of [...this.slots.filter((s) => s.thread), ...this.slots.filter((s) => !s.thread)]) {
      if (slot.busy) continue;
      const next = this.takeNext();
      if (!next) return;
      void this.start(slot, next);
    }
  }

  private takeNext(): Queued | undefined {
    const maxTests = Math.max(1, this.slots.length - 1);
    // Row generation (test rows, the API's rows) may not take every thread: compile checks of submissions go on.
    const testsRunning = this.slots.filter((s) => s.busy && s.busy !== 'compile').length;
    const i = this.queue.findIndex((q) => q.job.check === 'compile' || testsRunning < maxTests);
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  private async start(slot: Slot, q: Queued): Promise<void> {
    slot.busy = q.job.check;
    clearTimeout(slot.idleTimer);
    if (!slot.thread || slot.thread.isDead) slot.thread = this.newThread();
    const thread = slot.thread;
    try {
      q.resolve(await thread.check(q.job, this.budget(q.job.check)));
    } catch (err) {
      q.reject(this.requestError(err as Error, q.job));
    } finally {
      if (thread.isDead) slot.thread = slot === this.slots[0] ? this.newThread() : undefined;
      slot.busy = undefined;
      if (slot.thread) this.retireWhenIdle(slot);
      this.pump();
    }
  }

  /** A long batch started in this process: idle threads stop now (the first too, unless it is kept always up). */
  private retireIdleNow(): void {
    for (const slot of this.slots) {
      if (slot.busy || !slot.thread || (slot === this.slots[0] && !this.settings.firstIdleMs)) continue;
      clearTimeout(slot.idleTimer);
      this.retire(slot);
    }
  }

  private retire(slot: Slot): void {
    const thread = slot.thread;
    slot.thread = undefined;
    void thread?.close();
  }

  private retireWhenIdle(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    const ms = slot === this.slots[0] ? this.settings.firstIdleMs : (this.settings.idleMs ?? DEFAULT_IDLE_MS);
    if (!ms) return;
    slot.idleTimer = setTimeout(() => {
      if (slot.busy || !slot.thread) return;
      this.retire(slot);
    }, ms);
    slot.idleTimer.unref();
  }

  private budget(kind: Kind): Budget {
    return { ms: this.settings.timeoutMs, message: `${WHAT[kind]} exceeded its time budget of ${this.settings.timeoutMs} ms (DATAGEN_MODEL_TEST_TIMEOUT_MS)` };
  }

  /** What the caller answers: the model's own error as it is, the thread's death as a 400 naming the limit. */
  private requestError(err: Error, job: Omit<ModelCheckJob, 'id'>): Error {
    if (err instanceof AppError) return err;
    const what = WHAT[job.check];
    if (err instanceof ThreadDiedError) {
      this.log?.warn({ model: job.model.name, check: job.check, cause: err.message }, 'a model check killed its thread; thread replaced');
      const { heapMb, heapVariable } = this.settings.limits;
      if (err.death === 'memory') return new BadRequestError(`${what} exceeded its memory limit of ${heapMb} MB (${heapVariable}): model "${job.model.name}" needs more memory than a check may use`, { model: job.model.name });
      if (err.death === 'budget') return new BadRequestError(`${err.message}: model "${job.model.name}" is too slow to check`, { model: job.model.name });
      return new BadRequestError(`${what} failed: ${err.message}`, { model: job.model.name });
    }
    return new BadRequestError(`${what} failed: ${err.message}`, { model: job.model.name });
  }

  private newThread(): ActivityThread {
    return new ActivityThread({ limits: this.settings.limits, label: 'model check thread', kinds: ['check'] });
  }
}
