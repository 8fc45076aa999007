/**
 * What each command has spent on LLM calls, counted across all its workers (issue 19), so that its budget
 * (DATAGEN_LLM_MAX_CALLS, DATAGEN_LLM_MAX_TOKENS) bounds the deployment, not each generator actor. Updates are
 * atomic (compare-and-set): concurrent takers never count more calls than the budget allows.
 */
export interface LlmSpent {
  calls: number;
  tokens: number;
}

export interface BudgetLimits {
  maxCalls?: number;
  maxTokens?: number;
}

export interface LlmSpend {
  /** Counts one call of `command` unless its budget is spent; answers whether it was counted and the spend after. */
  takeCall(command: string, limits: BudgetLimits): Promise<{ taken: boolean; spent: LlmSpent }>;
  /** Adds the tokens a call of `command` used. */
  addTokens(command: string, tokens: number): Promise<void>;
}

/** Which limit `spent` has reached, if any: no further call may be made. Pure; every adapter decides with it. */
export function spentLimit(spent: LlmSpent, limits: BudgetLimits): 'calls' | 'tokens' | undefined {
  if (limits.maxCalls !== undefined && spent.calls >= limits.maxCalls) return 'calls';
  if (limits.maxTokens !== undefined && spent.tokens >= limits.maxTokens) return 'tokens';
  return undefined;
}
