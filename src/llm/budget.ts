/**
 * A command's allowance of LLM calls and tokens (DATAGEN_LLM_MAX_CALLS, DATAGEN_LLM_MAX_TOKENS): a call is refused
 * once either is spent, which fails the batch, and the command, with a message saying which limit and how to raise it.
 */
import { BadRequestError } from '../errors.js';

export class LlmBudgetExceeded extends BadRequestError {}

export interface BudgetLimits {
  maxCalls?: number;
  maxTokens?: number;
}

export class LlmBudget {
  calls = 0;
  tokens = 0;

  constructor(readonly limits: BudgetLimits) {}

  /** Counts a call about to be made; throws when the budget is spent. */
  take(): void {
    const { maxCalls, maxTokens } = this.limits;
    if (maxCalls !== undefined && this.calls >= maxCalls) {
      throw new LlmBudgetExceeded(`the command's LLM budget of ${maxCalls} calls is spent (DATAGEN_LLM_MAX_CALLS); raise it, or use pool_size to reuse answers`);
    }
    if (maxTokens !== undefined && this.tokens >= maxTokens) {
      throw new LlmBudgetExceeded(`the command's LLM budget of ${maxTokens} tokens is spent (${this.tokens} used; DATAGEN_LLM_MAX_TOKENS); raise it, or use pool_size or max_tokens`);
    }
    this.calls++;
  }

  record(tokens: number): void {
    this.tokens += tokens;
  }
}
