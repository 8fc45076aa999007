/** Entry of a worker thread: runs the batch jobs, sink steps and model checks posted to it. */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../errors.js';
import { sinkFor } from '../sinks/registry.js';
import type { BatchJob, BatchOutcome, JobError, ModelCheckJob, SinkStepJob } from './thread-jobs.js';
import { runModelCheck } from './model-check-job.js';
import { BatchRunner } from './batch-runner.js';

const runner = new BatchRunner();

function jobError(err: unknown): JobError {
  if (err instanceof AppError) return { message: err.message, status: err.status, code: err.code, ...(err.details ? { details: err.details } : {}) };
  return { message: (err as Error)?.message ?? String(err) };
}

async function run(msg: BatchJob | SinkStepJob | ModelCheckJob): Promise<BatchOutcome> {
  try {
    if ('step' in msg) {
      await sinkFor(msg.service)[msg.step](msg.ctx);
      return { id: msg.id, ok: true, result: { rows: 0 } };
    }
    if ('check' in msg) return { id: msg.id, ok: true, result: await runModelCheck(msg) };
    return { id: msg.id, ok: true, result: await runner.run(msg) };
  } catch (err) {
    return { id: msg.id, ok: false, error: jobError(err) };
  }
}

parentPort!.on('message', async (msg: BatchJob | SinkStepJob | ModelCheckJob | { close: true }) => {
  if ('close' in msg) {
    await runner.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  parentPort!.postMessage(await run(msg));
});

// Loaded: time budgets start now, not while the thread was still booting.
parentPort!.postMessage({ ready: true });
