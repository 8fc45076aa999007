/**
 * The context LLM columns are filled in (src/llm/fill.ts), from a run's settings: the batch's of a command on a
 * generator actor, or the deployment's for the rows /model/test and GET /datagen/api/gen answer. One place decides
 * how settings, seed, recorded answers and the deployment's shared permits and spend make a context.
 */
import type { LlmAnswers } from '../ports/llm-answers.js';
import type { LlmPermits } from '../ports/llm-permits.js';
import type { LlmSpend } from '../ports/llm-spend.js';
import { sleep, systemClock } from '../ports/clock.js';
import { allProtectedRoots } from '../sinks/files/paths.js';
import type { SinkSettings } from '../sinks/types.js';
import { LlmBudget } from '../llm/budget.js';
import { llmCall } from '../llm/calls.js';
import type { LlmFillContext } from '../llm/fill.js';
import { llmRunSettings } from '../llm/run-settings.js';
import { SharedLlmBudget } from '../llm/shared-budget.js';

/** Where answers are recorded and the deployment's limits kept; either absent: none recorded, limits local. */
export interface LlmFillSources {
  answers?: LlmAnswers;
  shared?: { permits: LlmPermits; spend: LlmSpend };
}

export interface LlmFillRun {
  /** The seed whose answers are recorded and looked up; absent: every run asks anew. */
  seed?: number;
  /** The command whose budget is counted across the deployment (with shared spend); absent: counted here only. */
  spendKey?: string;
}

export function llmFillContext(settings: SinkSettings, sources: LlmFillSources, run: LlmFillRun): LlmFillContext {
  const runSettings = llmRunSettings(settings.properties);
  const { shared, answers } = sources;
  return {
    properties: settings.properties,
    allowedUrls: settings.endpoints?.llmUrls ?? [],
    run: runSettings,
    call: llmCall,
    budget: shared && run.spendKey ? new SharedLlmBudget(shared.spend, run.spendKey, runSettings.budget) : new LlmBudget(runSettings.budget),
    ...(shared ? { permits: shared.permits } : {}),
    ...(run.seed !== undefined ? { seed: run.seed } : {}),
    ...(answers ? { answers } : {}),
    cache: new Map(),
    stats: { calls: 0, tokens: 0 },
    sleep: (ms) => sleep(systemClock, ms),
    localModels: { modelDirs: settings.endpoints?.llmModelDirs ?? [], protectedRoots: allProtectedRoots(settings) },
  };
}
