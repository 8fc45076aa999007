/**
 * The activities on the calling thread, for in-process specs: the same batch runner and sink steps the
 * activity threads run, without their limits and time budgets.
 */
import { sinkFor } from '../sinks/registry.js';
import type { BatchResult, SinkContext } from '../sinks/types.js';
import type { Activities, BatchActivity, SinkStep } from './activities.js';
import { BatchRunner } from './batch-runner.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { LlmShared } from './thread-llm-shared.js';

export class InlineActivities implements Activities {
  private readonly runner: BatchRunner;
  private nextId = 1;

  /** `llmAnswers`: where seeded LLM answers are recorded; `llmShared`: the deployment-wide LLM permits and spend. */
  constructor(llmAnswers?: LlmAnswers, llmShared?: LlmShared) {
    this.runner = new BatchRunner(undefined, llmAnswers, llmShared);
  }

  runBatch({ item, model, settings, compileDirs }: BatchActivity, onProgress?: (rowsWritten: number) => void, stop?: AbortSignal): Promise<BatchResult> {
    return this.runner.run({ id: this.nextId++, item, model, settings, compileDirs }, onProgress, stop);
  }

  async runSinkStep(step: SinkStep, service: string, ctx: SinkContext): Promise<void> {
    await sinkFor(service)[step](ctx);
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}
