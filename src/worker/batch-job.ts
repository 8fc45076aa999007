/** Messages between a worker's pull loop (main thread) and its generator actors (worker threads). */
import type { ModelDefinition } from '../model/types.js';
import type { BatchResult, SinkSettings } from '../sinks/types.js';
import type { WorkItem } from '../nats/work-queue.js';

export interface BatchJob {
  id: number;
  item: WorkItem;
  /** Sent only the first time a thread needs this model; threads cache compiled models by hash. */
  model?: ModelDefinition;
  settings: SinkSettings;
  compileDirs: string[];
}

export type BatchOutcome = { id: number; ok: true; result: BatchResult } | { id: number; ok: false; error: string };
