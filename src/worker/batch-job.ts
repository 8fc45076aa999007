/**
 * Messages to a worker thread: batch jobs from a worker's pull loop, and sink steps (prepare, finalize) from the
 * orchestrator, which runs them off its own thread so that a long finalize never stalls orchestration or the API.
 */
import type { ModelDefinition } from '../model/types.js';
import type { BatchResult, SinkContext, SinkSettings } from '../sinks/types.js';
import type { WorkItem } from '../nats/work-queue.js';

export interface BatchJob {
  id: number;
  item: WorkItem;
  /** Sent only the first time a thread needs this model; threads cache compiled models by hash. */
  model?: ModelDefinition;
  settings: SinkSettings;
  compileDirs: string[];
}

/** The sink steps the orchestrator runs once per command: before the batches, after them, or after a failure. */
export type SinkStep = 'prepare' | 'finalize' | 'abort';

export interface SinkStepJob {
  id: number;
  step: SinkStep;
  service: string;
  ctx: SinkContext;
}

export type BatchOutcome = { id: number; ok: true; result: BatchResult } | { id: number; ok: false; error: string };
