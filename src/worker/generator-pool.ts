/**
 * One worker thread per generator-actor slot, so that one process uses every core: row generation
 * and sink encoding never block the event loop that heartbeats work items and talks to NATS.
 */
import { Worker } from 'node:worker_threads';
import type { ModelDefinition } from '../model/types.js';
import type { BatchResult, SinkContext } from '../sinks/types.js';
import type { BatchJob, BatchOutcome, SinkStepJob } from './batch-job.js';

const THREAD_ENTRY = new URL('./generator-thread.ts', import.meta.url).href;
const TSX_API = import.meta.resolve('tsx/esm/api');
/** Threads load the TypeScript entry through tsx, whether or not the parent was started with --import tsx. */
const BOOTSTRAP = `import(${JSON.stringify(TSX_API)}).then((m) => m.register()).then(() => import(${JSON.stringify(THREAD_ENTRY)}))`;

export class GeneratorThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void }>();
  private readonly sentModels = new Set<string>();
  private nextId = 1;
  private exited: Error | undefined;

  constructor() {
    this.worker = new Worker(BOOTSTRAP, { eval: true });
    this.worker.on('message', (m: BatchOutcome | { closed: true }) => {
      if ('closed' in m) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.error));
    });
    const failAll = (err: Error) => {
      this.exited = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', failAll);
    this.worker.on('exit', (code) => failAll(new Error(`generator thread exited with code ${code}`)));
  }

  get isDead(): boolean {
    return this.exited !== undefined;
  }

  run(job: Omit<BatchJob, 'id' | 'model'>, model: ModelDefinition): Promise<BatchResult> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    const first = !this.sentModels.has(job.item.modelHash);
    this.sentModels.add(job.item.modelHash);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...job, id, ...(first ? { model } : {}) } satisfies BatchJob);
    });
  }

  /** A sink's prepare or finalize, run on this thread. */
  runSinkStep(step: SinkStepJob['step'], service: string, ctx: SinkContext): Promise<void> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: () => resolve(), reject });
      this.worker.postMessage({ id, step, service, ctx } satisfies SinkStepJob);
    });
  }

  async close(): Promise<void> {
    if (this.exited) return;
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      this.worker.once('message', done);
      this.worker.once('exit', done);
      this.worker.postMessage({ close: true });
      setTimeout(done, 5000).unref();
    });
    await this.worker.terminate();
  }
}
