/**
 * A command's LLM budget counted across the deployment (src/ports/llm-spend.ts): every call of the command, on
 * any worker or thread, takes from the same count, one compare-and-set per call (exact: a budget of N calls makes
 * N calls whatever the worker count; its round trip is small next to the call). Tokens are added after each call
 * only when a token budget is set. Without a budget, nothing is shared and no round trip is made.
 */
import type { BudgetLimits, LlmSpend } from '../ports/llm-spend.js';
import { budgetExceeded, type CallBudget } from './budget.js';

export class SharedLlmBudget implements CallBudget {
  constructor(private readonly spend: LlmSpend, private readonly command: string, private readonly limits: BudgetLimits) {}

  async take(): Promise<void> {
    if (this.limits.maxCalls === undefined && this.limits.maxTokens === undefined) return;
    const { taken, spent } = await this.spend.takeCall(this.command, this.limits);
    if (!taken) throw budgetExceeded(spent, this.limits, true)!;
  }

  async record(tokens: number): Promise<void> {
    if (this.limits.maxTokens !== undefined) await this.spend.addTokens(this.command, tokens);
  }
}
