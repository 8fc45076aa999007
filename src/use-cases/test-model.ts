/** One generated row of a model, ghost fields included and named, on a model-check thread (never the API's); an upload is never stored. */
import type { Config } from '../config.js';
import type { TestRowResult } from '../model/test-row.js';
import type { ModelStore } from '../ports/model-store.js';
import { readableFiles } from '../readable-files.js';
import type { Caller } from '../users/user-directory.js';
import { answerLlmRows, withoutLlmColumns, type LlmRowsDeps } from './llm-rows.js';
import type { ModelChecks } from './model-checks.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';

export interface TestModelDeps extends LlmRowsDeps {
  models: ModelStore;
  modelChecks: ModelChecks;
  config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits' | 'dataDir'> & LlmRowsDeps['config'];
}

/** The row with its LLM fields answered (seeded by `seed` when the caller gave one). */
export async function testModel(deps: TestModelDeps, choice: ModelChoice, caller: Caller, seed?: number): Promise<TestRowResult> {
  const model = await resolveModel(choice, modelSourcesOf(deps.models, deps.config, caller));
  const result = await deps.modelChecks.testRow(model, readableFiles(deps.config), seed);
  if (result.llmColumns) await answerLlmRows(deps, caller, [result.row], result.llmColumns, seed);
  return withoutLlmColumns(result);
}
