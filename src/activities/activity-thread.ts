/**
 * An activity thread (a Node worker thread) that runs batches, sink steps and model checks, so that one process uses every core and no
 * model-driven work runs on the event loop that serves the API, heartbeats work items and talks to NATS.
 * The thread has resource limits (heap, stack): a model that exceeds them kills the thread, not the process.
 * Each job may have a time budget; a job over budget has its thread terminated. A dead thread rejects its jobs
 * with a ThreadDiedError saying why; its owner replaces it.
 */
import { Worker as NodeThread } from 'node:worker_threads';
import { AppError } from '../errors.js';
import type { ModelDefinition } from '../model/types.js';
import type { BatchResult, SinkContext } from '../sinks/types.js';
import type { BatchJob, BatchOutcome, BatchProgress, BatchStop, JobError, JobKind, ModelCheckJob, ModelCheckResult, SinkStepJob, ThreadBoot } from './thread-jobs.js';
import { threadBundleUrl } from './thread-bundle.js';
import { answerLlmRequest, type LlmAnswersRequest } from './thread-llm-answers.js';
import { LocalLlmHost } from './thread-local-llm.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import { LlmSharedHost, type LlmShared, type LlmSharedCancel, type LlmSharedRequest } from './thread-llm-shared.js';
import { PRELOAD_MIN_HEAP_MB, resourceLimitsOf, threadErrorDeath, ThreadDiedError, type ThreadLimits } from './thread-limits.js';

const THREAD_ENTRY = new URL('./activity-thread-entry.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');

/** Threads load the bundled entry, or the TypeScript one through tsx (whether or not the parent runs on tsx). */
function bootstrap(): string {
  const bundle = threadBundleUrl();
  if (bundle) return `import(${JSON.stringify(bundle)})`;
  return `import(${JSON.stringify(TSX_API)}).then((m) => m.register()).then(() => import(${JSON.stringify(THREAD_ENTRY)}))`;
}

export interface ThreadOptions {
  limits: ThreadLimits;
  /** Names the thread in errors ("generator thread", "model check thread"...). */
  label: string;
  /** The jobs it is for: their modules load while it boots, and the dictionaries for jobs that compile models
   * when the heap limit leaves room for them. Other jobs still run, loading what they need on first use. */
  kinds: JobKind[];
  /** Where its batches' seeded LLM answers are recorded (absent: none are). */
  answers?: LlmAnswers;
  /** The deployment-wide LLM permits and spend its batches use (absent: per actor only). */
  llmShared?: LlmShared;
}

/** A job's time budget, and the error its caller gets when it is exceeded. */
export interface Budget {
  ms: number;
  message: string;
}

interface Pending {
  resolve: (r: unknown) => void;
  reject: (e: Error) => void;
  timer?: NodeJS.Timeout;
  onProgress?: (rowsWritten: number) => void;
}

function remoteError(e: JobError): Error {
  return e.status !== undefined ? new AppError(e.message, e.status, e.code ?? 'ERROR', e.details) : new Error(e.message);
}

export class ActivityThread {
  private readonly thread: NodeThread;
  private readonly pending = new Map<number, Pending>();
  private readonly sentModels = new Set<string>();
  private nextId = 1;
  private exited: ThreadDiedError | undefined;
  /** Budgets of jobs posted while the thread boots, started once it is ready. */
  private booting: Array<() => void> | undefined = [];
  private booted!: () => void;
  /** Holds the thread's LLM permits, given back when it dies. */
  private readonly llmShared: LlmSharedHost;
  /** Runs the thread's LOCAL_LLM calls on this process's models. */
  private readonly localLlm: LocalLlmHost;
  /** Settles when the thread has booted (and preloaded) or has died: never rejects. */
  readonly ready = new Promise<void>((resolve) => { this.booted = resolve; });

  constructor(private readonly options: ThreadOptions) {
    const compiles = options.kinds.includes('batch') || options.kinds.includes('check');
    const boot: ThreadBoot = { kinds: options.kinds, preload: compiles && options.limits.heapMb >= PRELOAD_MIN_HEAP_MB, ...(options.llmShared ? { llmShared: true } : {}) };
    this.thread = new NodeThread(bootstrap(), { eval: true, resourceLimits: resourceLimitsOf(options.limits), workerData: boot });
    this.llmShared = new LlmSharedHost(options.llmShared, this.thread);
    this.localLlm = new LocalLlmHost(this.thread);
    this.thread.on('message', (m: BatchOutcome | BatchProgress | LlmAnswersRequest | LlmSharedRequest | LlmSharedCancel | { closed: true } | { ready: true }) => {
      if ('ready' in m) return this.onReady();
      if (this.localLlm.onMessage(m)) return;
      if ('llmAnswers' in m) return void answerLlmRequest(m, options.answers, this.thread);
      if ('llmShared' in m || 'llmSharedCancel' in m) return void this.llmShared.onMessage(m);
      if ('closed' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      if ('progress' in m) return p.onProgress?.(m.progress);
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.ok) p.resolve(m.result);
      else p.reject(remoteError(m.error));
    });
    this.thread.on('error', (err) => this.die(threadErrorDeath(options.label, err, options.limits)));
    this.thread.on('exit', (code) => this.die(new ThreadDiedError(`the ${options.label} exited with code ${code}`, 'crash')));
  }

  private onReady(): void {
    const armed = this.booting ?? [];
    this.booting = undefined;
    for (const arm of armed) arm();
    this.booted();
  }

  get isDead(): boolean {
    return this.exited !== undefined;
  }

  /** Fails every job still in flight with the first cause of death (an 'error' event comes before 'exit'). */
  private die(cause: ThreadDiedError): void {
    this.exited ??= cause;
    this.localLlm.close();
    void this.llmShared.close();
    this.booted();
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(this.exited);
    }
    this.pending.clear();
  }

  private request<T>(message: BatchJob | SinkStepJob | ModelCheckJob, budget?: Budget, onProgress?: (rowsWritten: number) => void): Promise<T> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { resolve: resolve as (r: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) };
      this.pending.set(message.id, p);
      if (budget) {
        const arm = () => {
          if (this.pending.get(message.id) === p) p.timer = setTimeout(() => this.overBudget(message.id, budget), budget.ms);
        };
        if (this.booting) this.booting.push(arm);
        else arm();
      }
      this.thread.postMessage(message);
    });
  }

  /** A job over its budget: it fails with the budget's message, the others on this thread as collateral. */
  private overBudget(id: number, budget: Budget): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    p.reject(new ThreadDiedError(budget.message, 'budget'));
    this.die(new ThreadDiedError(`the ${this.options.label} was stopped: another job on it exceeded its time budget`, 'collateral'));
    void this.thread.terminate();
  }

  /** A batch job; `onProgress` hears the rows it has written so far, after each chunk. */
  run(job: Omit<BatchJob, 'id' | 'model'>, model: ModelDefinition, budget?: Budget, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult> {
    const id = this.nextId++;
    const first = !this.sentModels.has(job.item.modelHash);
    const sent = this.request<BatchResult>({ ...job, id, ...(first ? { model } : {}) }, budget, onProgress);
    if (!this.exited) this.sentModels.add(job.item.modelHash);
    // The thread's job sees the stop between two slices of a paced batch.
    const onStop = () => { if (!this.exited) this.thread.postMessage({ stop: id } satisfies BatchStop); };
    stop?.addEventListener('abort', onStop, { once: true });
    return stop ? sent.finally(() => stop.removeEventListener('abort', onStop)) : sent;
  }

  /** A sink's prepare or finalize, run on this thread. */
  async runSinkStep(step: SinkStepJob['step'], service: string, ctx: SinkContext, budget?: Budget): Promise<void> {
    await this.request({ id: this.nextId++, step, service, ctx }, budget);
  }

  /** A model check: compile answers undefined, test the row, rows the API's rows. */
  check(job: Omit<ModelCheckJob, 'id'>, budget: Budget): Promise<ModelCheckResult> {
    return this.request({ ...job, id: this.nextId++ }, budget);
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.thread.once('message', done);
      this.thread.once('exit', done);
      this.thread.postMessage({ close: true });
      setTimeout(done, 5000).unref();
    });
    await this.thread.terminate();
  }
}
