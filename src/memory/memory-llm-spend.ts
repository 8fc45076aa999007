/** Commands' LLM spend in memory, for specs and in-process runs (one event loop: every change is atomic). */
import { spentLimit, type BudgetLimits, type LlmSpend, type LlmSpent } from '../ports/llm-spend.js';

export class InMemoryLlmSpend implements LlmSpend {
  private readonly spend = new Map<string, LlmSpent>();

  async takeCall(command: string, limits: BudgetLimits): Promise<{ taken: boolean; spent: LlmSpent }> {
    const s = this.of(command);
    const taken = spentLimit(s, limits) === undefined;
    if (taken) s.calls++;
    return { taken, spent: { ...s } };
  }

  async addTokens(command: string, tokens: number): Promise<void> {
    this.of(command).tokens += Math.max(0, tokens);
  }

  private of(command: string): LlmSpent {
    let s = this.spend.get(command);
    if (!s) this.spend.set(command, (s = { calls: 0, tokens: 0 }));
    return s;
  }
}
