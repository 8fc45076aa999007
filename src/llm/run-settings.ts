/**
 * How LLM fields are called, from the (merged) settings: DATAGEN_LLM_CONCURRENCY, _ENDPOINT_CONCURRENCY, _RETRIES,
 * _TIMEOUT_MS, _MAX_CALLS, _MAX_TOKENS. Pure.
 */
import { BadRequestError } from '../errors.js';
import type { BudgetLimits } from './budget.js';

export interface LlmRunSettings {
  /** Calls in flight at once per batch (per generator actor). */
  concurrency: number;
  /** Calls in flight at once per endpoint (URL + model) across the deployment; absent: not limited beyond `concurrency`. */
  endpointConcurrency?: number;
  retries: number;
  timeoutMs: number;
  budget: BudgetLimits;
}

function int(props: Readonly<Record<string, string>>, key: string, fallback: number | undefined, min: number): number | undefined {
  const raw = props[key]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new BadRequestError(`${key} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}`, { field: key });
  return n;
}

export function llmRunSettings(props: Readonly<Record<string, string>>): LlmRunSettings {
  const budget: BudgetLimits = {};
  const maxCalls = int(props, 'DATAGEN_LLM_MAX_CALLS', undefined, 0);
  const maxTokens = int(props, 'DATAGEN_LLM_MAX_TOKENS', undefined, 0);
  if (maxCalls !== undefined) budget.maxCalls = maxCalls;
  if (maxTokens !== undefined) budget.maxTokens = maxTokens;
  const endpointConcurrency = int(props, 'DATAGEN_LLM_ENDPOINT_CONCURRENCY', undefined, 1);
  return {
    concurrency: int(props, 'DATAGEN_LLM_CONCURRENCY', 4, 1)!,
    ...(endpointConcurrency !== undefined ? { endpointConcurrency } : {}),
    retries: int(props, 'DATAGEN_LLM_RETRIES', 4, 0)!,
    timeoutMs: int(props, 'DATAGEN_LLM_TIMEOUT_MS', 60_000, 1)!,
    budget,
  };
}
