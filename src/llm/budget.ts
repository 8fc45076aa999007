/**
 * A command's allowance of LLM calls and tokens (DATAGEN_LLM_MAX_CALLS, DATAGEN_LLM_MAX_TOKENS): a call is refused
 * once either is spent, which fails the batch, and the command, with a message saying which limit and how to raise it.
 * Counted for the whole deployment when the command's spend is shared (src/llm/shared-budget.ts), else per actor.
 */
import { BadRequestError } from '../errors.js';
import { spentLimit, type BudgetLimits, type LlmSpent } from '../ports/llm-spend.js';

export type { BudgetLimits } from '../ports/llm-spend.js';

export class LlmBudgetExceeded extends BadRequestError {}

/** What a call asks of the budget: `take` before it (throws LlmBudgetExceeded when spent), `record` after. */
export interface CallBudget {
  take(): void | Promise<void>;
  record(tokens: number): void | Promise<void>;
}

/** The error for a budget that `spent` has reached, undefined while calls may be made; `shared`: counted for the
 * whole deployment (else on one actor). Pure. */
export function budgetExceeded(spent: LlmSpent, limits: BudgetLimits, shared = false): LlmBudgetExceeded | undefined {
  const which = spentLimit(spent, limits);
  const where = shared ? ', counted across all its workers' : '';
  if (which === 'calls') {
    return new LlmBudgetExceeded(`the command's LLM budget of ${limits.maxCalls} calls is spent (DATAGEN_LLM_MAX_CALLS${where}); raise it, or use pool_size to reuse answers`);
  }
  if (which === 'tokens') {
    return new LlmBudgetExceeded(`the command's LLM budget of ${limits.maxTokens} tokens is spent (${spent.tokens} used; DATAGEN_LLM_MAX_TOKENS${where}); raise it, or use pool_size or max_tokens`);
  }
  return undefined;
}

/** The budget counted on this actor alone (no shared spend: in-process runs, unit specs). */
export class LlmBudget implements CallBudget {
  calls = 0;
  tokens = 0;

  constructor(readonly limits: BudgetLimits) {}

  take(): void {
    const refused = budgetExceeded(this, this.limits);
    if (refused) throw refused;
    this.calls++;
  }

  record(tokens: number): void {
    this.tokens += tokens;
  }
}
