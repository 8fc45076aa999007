/**
 * Messages to an activity thread: batch jobs from the batch puller, sink steps (prepare, finalize) from the
 * orchestrator, which runs them off its own thread so that a long finalize never stalls orchestration or the API,
 * and model checks from the API (compile at submission, /model/test), which never run on the API's thread.
 */
import type { CompileEnv } from '../model/compile.js';
import type { ApiRowsResult } from '../model/api-rows.js';
import type { TestRowResult } from '../model/test-row.js';
import type { ModelDefinition } from '../model/types.js';
import type { BatchResult, SinkContext, SinkSettings } from '../sinks/types.js';
import type { WorkItem } from '../ports/work-queue.js';
import type { SinkStep } from './activities.js';

/** The kinds of job a thread runs; it loads the modules of the kinds it is started for while booting. */
export type JobKind = 'batch' | 'sink' | 'check';

/** What a thread does while booting (its workerData). */
export interface ThreadBoot {
  kinds: JobKind[];
  /** Load the dictionaries a model may need. */
  preload: boolean;
  /** Its owner holds the deployment-wide LLM permits and spend (else the thread counts its own). */
  llmShared?: boolean;
}

export interface BatchJob {
  id: number;
  item: WorkItem;
  /** Sent only the first time a thread needs this model; threads cache compiled models by hash. */
  model?: ModelDefinition;
  settings: SinkSettings;
  compileDirs: string[];
}

export interface SinkStepJob {
  id: number;
  step: SinkStep;
  service: string;
  ctx: SinkContext;
}

export interface ModelCheckJob {
  id: number;
  /** compile: what submission checks; test: one row, as /model/test answers; rows: GET /datagen/api/gen's rows. */
  check: 'compile' | 'test' | 'rows';
  model: ModelDefinition;
  /** What the model may read (CSV files): directories, and the protected paths below them. */
  env: CompileEnv;
  seed?: number;
  /** check 'rows': how many, and the model content's hash under which the thread keeps it compiled. */
  rows?: number;
  cacheKey?: string;
}

/** What a model check answers: nothing (compile), the test row, or the API's rows. */
export type ModelCheckResult = TestRowResult | ApiRowsResult | undefined;

/** An error as it crosses from a thread: an AppError keeps its status, code and details. */
export interface JobError {
  message: string;
  status?: number;
  code?: string;
  details?: Record<string, unknown>;
}

/** Asks the thread to stop a paced batch job (its command ended): it gives up before its next slice. */
export interface BatchStop {
  stop: number;
}

/** Rows a batch job has written so far, posted by the thread while the job runs. */
export interface BatchProgress {
  id: number;
  progress: number;
}

export type BatchOutcome =
  | { id: number; ok: true; result: BatchResult | ModelCheckResult }
  | { id: number; ok: false; error: JobError };
