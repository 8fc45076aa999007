/** Entry of a generator-actor worker thread: runs batch jobs posted by the pull loop, one at a time. */
import { parentPort } from 'node:worker_threads';
import type { BatchJob, BatchOutcome } from './batch-job.js';
import { BatchRunner } from './run-batch.js';

const runner = new BatchRunner();

parentPort!.on('message', async (msg: BatchJob | { close: true }) => {
  if ('close' in msg) {
    await runner.close();
    parentPort!.postMessage({ closed: true });
    return;
  }
  let outcome: BatchOutcome;
  try {
    outcome = { id: msg.id, ok: true, result: await runner.run(msg) };
  } catch (err) {
    outcome = { id: msg.id, ok: false, error: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(outcome);
});
