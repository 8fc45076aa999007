/**
 * The activities on activity threads with limits and time budgets: batches on one thread per slot of the
 * batch puller, sink steps on a thread of their own. Threads boot when the activities are made, for the parts
 * the process runs, and on first use for the others; each is stopped after idleMs without work and boots again
 * on the next.
 */
import type { BatchResult, SinkContext } from '../sinks/types.js';
import type { Activities, BatchActivity, SinkStep } from './activities.js';
import { BatchThreads } from './batch-threads.js';
import { SinkStepRunner } from './sink-step-runner.js';
import type { ThreadLimits } from './thread-limits.js';
import { hostKuduBridge, stopKuduBridge } from '../sinks/kudu/bridge-host.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { LlmShared } from './thread-llm-shared.js';

/**
 * Longest a sink-step thread stays up without a step: steps come at a command's start (prepare) and end (finalize),
 * so a thread kept for the default idle time held its 20-30 MB through the first minute of every long batch, at
 * the moment the generator threads peak. Booting one (no dictionaries) is off the request path.
 */
export const SINK_STEP_IDLE_MS = 5_000;

export interface ThreadActivitiesOptions {
  limits: ThreadLimits;
  /** Time budget of one batch attempt and of one sink step. */
  timeoutSeconds: number;
  /** Threads for batches (the batch puller's slots); 0 when the process runs none. */
  batchThreads: number;
  /** Whether the process runs sink steps (it is the orchestrator): their thread boots at once. */
  sinkSteps: boolean;
  /** How long a batch thread stays up without work, and a sink-step thread at most SINK_STEP_IDLE_MS (0 or absent: always). */
  idleMs?: number;
  /** Where batches record seeded LLM answers (the deployment's JetStream bucket). */
  llmAnswers?: LlmAnswers;
  /** The deployment-wide LLM permits per endpoint and commands' LLM spend. */
  llmShared?: LlmShared;
}

export class ThreadActivities implements Activities {
  private batches?: BatchThreads;
  private sinkSteps?: SinkStepRunner;

  constructor(private readonly options: ThreadActivitiesOptions) {
    if (options.batchThreads > 0) this.batches = this.newBatchThreads();
    if (options.sinkSteps) this.sinkSteps = this.newSinkStepRunner();
    // The threads' Kudu sinks share this process's one bridge, which this thread starts and stops.
    hostKuduBridge();
  }

  runBatch(job: BatchActivity, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult> {
    this.batches ??= this.newBatchThreads();
    return this.batches.run(job, onProgress, stop);
  }

  runSinkStep(step: SinkStep, service: string, ctx: SinkContext): Promise<void> {
    this.sinkSteps ??= this.newSinkStepRunner();
    return this.sinkSteps.runSinkStep(step, service, ctx);
  }

  /** Whether a sink-step thread is up now. */
  get sinkStepThreadUp(): boolean {
    return this.sinkSteps?.threadUp ?? false;
  }

  async ready(): Promise<void> {
    await Promise.all([this.batches?.ready(), this.sinkSteps?.ready()]);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.batches?.close(), this.sinkSteps?.close()]);
    await stopKuduBridge();
  }

  private newBatchThreads(): BatchThreads {
    return new BatchThreads(Math.max(1, this.options.batchThreads), this.options.limits, this.options.timeoutSeconds, this.options.idleMs, this.options.llmAnswers, this.options.llmShared);
  }

  private newSinkStepRunner(): SinkStepRunner {
    const idleMs = this.options.idleMs ? Math.min(this.options.idleMs, SINK_STEP_IDLE_MS) : 0;
    return new SinkStepRunner(this.options.limits, this.options.timeoutSeconds, idleMs);
  }
}
