/** Entry of a worker thread: runs the batch jobs and sink steps posted to it, one at a time. */
import { parentPort } from 'node:worker_threads';
import { sinkFor } from '../sinks/registry.js';
import type { BatchJob, BatchOutcome, SinkStepJob } from './batch-job.js';
import { BatchRunner } from './run-batch.js';

const runner = new BatchRunner();

parentPort!.on('message', async (msg: BatchJob | SinkStepJob | { close: true }) => {
  if ('close' in msg) {
    await runner.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  let outcome: BatchOutcome;
  try {
    if ('step' in msg) {
      await sinkFor(msg.service)[msg.step](msg.ctx);
      outcome = { id: msg.id, ok: true, result: { rows: 0 } };
    } else {
      outcome = { id: msg.id, ok: true, result: await runner.run(msg) };
    }
  } catch (err) {
    outcome = { id: msg.id, ok: false, error: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(outcome);
});
