/**
 * The activities: the work that touches rows and sinks, apart from orchestration (as Temporal splits a workflow
 * from its activities). The orchestrator runs sink steps and the batch puller runs batches through this
 * interface only; production runs them on threads with limits (thread-activities.ts), specs in process.
 */
import type { ModelDefinition } from '../model/types.js';
import type { WorkItem } from '../ports/work-queue.js';
import type { BatchResult, SinkContext, SinkSettings } from '../sinks/types.js';

/** The sink steps the orchestrator runs once per command: before the batches, after them, or after a failure. */
export type SinkStep = 'prepare' | 'finalize' | 'abort';

/** One batch to generate and write: the work item and what it resolves to. */
export interface BatchActivity {
  item: WorkItem;
  model: ModelDefinition;
  settings: SinkSettings;
  /** Directories the model may read (CSV files). */
  compileDirs: string[];
}

export interface Activities {
  /**
   * `onProgress` hears the rows the batch has written so far, after each chunk. `stop` (a rate-controlled batch's
   * command ended) makes a paced batch give up before its next slice, without committing.
   */
  runBatch(job: BatchActivity, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult>;
  runSinkStep(step: SinkStep, service: string, ctx: SinkContext): Promise<void>;
  /** Settles once what was started with the activities (threads) has booted or died; never rejects. */
  ready?(): Promise<void>;
  close(): Promise<void>;
}
