/**
 * Entry of a worker thread: runs the batch jobs, sink steps and model checks posted to it. Each kind's modules
 * load on its first job, or while the thread boots for the kinds it was started for (its workerData), so that a
 * model-check thread never loads the sinks and no started kind pays for its modules on a request.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { ThreadLlmAnswers } from './thread-llm-answers.js';
import { ThreadLocalLlm } from './thread-local-llm.js';
import { routeLocalLlmCalls } from '../llm/calls.js';
import { ThreadLlmShared } from './thread-llm-shared.js';
import { IdleCollection } from './idle-collection.js';
import type { BatchJob, BatchOutcome, BatchProgress, BatchStop, JobError, JobKind, ModelCheckJob, SinkStepJob, ThreadBoot } from './thread-jobs.js';

interface Loader<T> {
  (): Promise<T>;
  loaded?: Promise<T>;
}

function once<T>(make: () => Promise<T>): Loader<T> {
  const get: Loader<T> = () => (get.loaded ??= make());
  return get;
}

/** Recorded LLM answers, through this thread's owner. */
const llmAnswers = new ThreadLlmAnswers(parentPort!);
const boot = (workerData as ThreadBoot | undefined) ?? { kinds: [], preload: false };
/** The deployment-wide LLM permits and spend, through this thread's owner when it has them. */
const llmShared = boot.llmShared ? new ThreadLlmShared(parentPort!) : undefined;

/** LOCAL_LLM models run in this thread's process, never here: a terminated thread holding one would abort it. */
const localLlm = new ThreadLocalLlm(parentPort!);
routeLocalLlmCalls(localLlm.call);

const load = {
  batch: once(() => import('./batch-runner.js').then((m) => new m.BatchRunner(undefined, llmAnswers, llmShared))),
  sink: once(() => import('../sinks/registry.js')),
  check: once(() => import('./model-check-job.js')),
};
const loadKind: Record<JobKind, () => Promise<unknown>> = load;

function jobError(err: unknown): JobError {
  if (err instanceof AppError) return { message: err.message, status: err.status, code: err.code, ...(err.details ? { details: err.details } : {}) };
  return { message: (err as Error)?.message ?? String(err) };
}

const idle = new IdleCollection();

async function run(msg: BatchJob | SinkStepJob | ModelCheckJob): Promise<BatchOutcome> {
  idle.jobStarted();
  try {
    if ('step' in msg) {
      await (await load.sink()).sinkFor(msg.service)[msg.step](msg.ctx);
      return { id: msg.id, ok: true, result: { rows: 0 } };
    }
    if ('check' in msg) return { id: msg.id, ok: true, result: await (await load.check()).runModelCheck(msg) };
    const progress = (rows: number) => parentPort!.postMessage({ id: msg.id, progress: rows } satisfies BatchProgress);
    const stop = new AbortController();
    stops.set(msg.id, stop);
    return { id: msg.id, ok: true, result: await (await load.batch()).run(msg, progress, stop.signal) };
  } catch (err) {
    return { id: msg.id, ok: false, error: jobError(err) };
  } finally {
    stops.delete(msg.id);
    idle.jobEnded();
  }
}

/** The batch jobs running, by id, to stop them on request. */
const stops = new Map<number, AbortController>();

parentPort!.on('message', async (msg: BatchJob | SinkStepJob | ModelCheckJob | BatchStop | { close: true }) => {
  if (localLlm.onMessage(msg)) return;
  if (llmAnswers.onMessage(msg) || llmShared?.onMessage(msg)) return;
  if ('stop' in msg) {
    stops.get(msg.stop)?.abort();
    return;
  }
  if ('close' in msg) {
    await (await load.batch.loaded?.catch(() => undefined))?.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  parentPort!.postMessage(await run(msg));
});

// A module that fails to load here fails the first job of its kind instead, with its error.
await Promise.all(boot.kinds.map((k) => loadKind[k]().catch(() => {})));
// Dictionaries now rather than in the first command that needs them; a failure is left to that command, which
// loads them again and reports the error as its own.
if (boot.preload) await import('../model/dictionaries/preload.js').then((m) => m.preloadDictionaries()).catch(() => {});
// Loaded: time budgets start now, not while the thread was still booting.
parentPort!.postMessage({ ready: true });
if (process.env.ZZ_DEBUG_HEAP) {
  const v8 = await import('node:v8');
  const { threadId } = await import('node:worker_threads');
  setInterval(() => {
    const h = v8.getHeapStatistics();
    const sp = v8.getHeapSpaceStatistics().filter((s) => s.space_size > 1e6).map((s) => `${s.space_name.replace('_space', '')}=${(s.space_size / 2 ** 20).toFixed(0)}/${(s.space_used_size / 2 ** 20).toFixed(0)}`).join(' ');
    process.stderr.write(`ZZHEAP t${threadId} ${boot.kinds.join('+')} total=${(h.total_heap_size / 2 ** 20).toFixed(0)} used=${(h.used_heap_size / 2 ** 20).toFixed(0)} ext=${(h.external_memory / 2 ** 20).toFixed(0)} ${sp}\n`);
  }, 1000).unref();
}
