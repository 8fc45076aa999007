/**
 * A generator actor's LLM state per command: its budget (counted across the deployment when it has shared state),
 * its pool answers and its counts, kept while the command's batches run here (the most recent commands only), so
 * pool mode asks each pool once per actor.
 */
import type { LlmColumn, Row } from '../model/types.js';
import { fillLlmColumns, type LlmFillContext, type LlmStats } from '../llm/fill.js';
import { llmFillContext } from './llm-fill-context.js';
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { BatchJob } from './thread-jobs.js';
import type { LlmShared } from './thread-llm-shared.js';

const KEPT_COMMANDS = 8;

export class LlmChunkFiller {
  private readonly commands = new Map<string, LlmFillContext>();

  /** `answers`: where seeded commands' answers are recorded (none: every run asks); `shared`: the deployment's
   * permits per endpoint and commands' spend (none: the limit and the budget count on this actor only). */
  constructor(private readonly answers?: LlmAnswers, private readonly shared?: LlmShared) {}

  /** Fills a chunk, adding its calls and tokens to `usage` (the batch's) and to the command's on this actor. */
  async fill(rows: Row[], firstRow: number, columns: readonly LlmColumn[], job: BatchJob, stop?: AbortSignal, usage?: LlmStats): Promise<void> {
    const command = this.context(job);
    const chunk: LlmStats = { calls: 0, tokens: 0 };
    try {
      await fillLlmColumns(rows, firstRow, columns, { ...command, stats: chunk, ...(stop ? { stop } : {}) });
    } finally {
      for (const into of usage ? [command.stats, usage] : [command.stats]) {
        into.calls += chunk.calls;
        into.tokens += chunk.tokens;
      }
    }
  }

  /** Calls made and tokens used for a command on this actor (absent once forgotten). */
  statsOf(commandUuid: string): LlmFillContext['stats'] | undefined {
    return this.commands.get(commandUuid)?.stats;
  }

  private context(job: BatchJob): LlmFillContext {
    const { item, settings } = job;
    let ctx = this.commands.get(item.commandUuid);
    if (ctx) {
      this.commands.delete(item.commandUuid);
    } else {
      // A command run without a seed reads the wall clock, and asks its model anew.
      const run = { spendKey: item.commandUuid, ...(item.wallClock ? {} : { seed: item.seed }) };
      ctx = llmFillContext(settings, { ...(this.answers ? { answers: this.answers } : {}), ...(this.shared ? { shared: this.shared } : {}) }, run);
    }
    this.commands.set(item.commandUuid, ctx);
    while (this.commands.size > KEPT_COMMANDS) this.commands.delete(this.commands.keys().next().value!);
    return ctx;
  }
}
