/**
 * Resource limits of the service's worker threads, and the errors that say why a thread died. Every model-driven
 * computation (batches, sink steps, model tests and checks) runs on a thread with a heap and stack limit and a
 * time budget: a model that exceeds them kills its thread, which is replaced, never the process.
 */
import type { ResourceLimits } from 'node:worker_threads';

export interface ThreadLimits {
  heapMb: number;
  youngMb: number;
  stackMb: number;
  /** The variable that sets heapMb, named in errors. */
  heapVariable: string;
}

/** A thread's heap below which it does not preload the dictionaries (cities alone take about 65 MB of heap). */
export const PRELOAD_MIN_HEAP_MB = 256;

export function resourceLimitsOf(limits: ThreadLimits): ResourceLimits {
  return { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: limits.youngMb, stackSizeMb: limits.stackMb };
}

/**
 * Why a job did not finish: its thread ran out of memory, was stopped at its time budget, crashed, or was stopped
 * because another job on the same thread exceeded its budget (`collateral`: the job itself may be fine).
 */
export type ThreadDeath = 'memory' | 'budget' | 'crash' | 'collateral';

export class ThreadDiedError extends Error {
  constructor(message: string, readonly death: ThreadDeath) {
    super(message);
    this.name = 'ThreadDiedError';
  }
}

/** The error a thread's 'error' event carries, as a death with a message naming the limit. */
export function threadErrorDeath(label: string, err: Error & { code?: string }, limits: ThreadLimits): ThreadDiedError {
  if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return new ThreadDiedError(`the ${label} ran out of memory (its heap limit is ${limits.heapMb} MB, ${limits.heapVariable})`, 'memory');
  }
  return new ThreadDiedError(`the ${label} crashed: ${err.message}`, 'crash');
}
