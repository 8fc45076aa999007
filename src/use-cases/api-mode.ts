/**
 * The original's "API mode": POST /datagen/api registers a model (an upload is stored under its name, as the
 * original added uploads to its models; a reference must resolve and compile), GET /datagen/api/gen answers a few
 * of its rows at once, generated on a model-check thread within the /model/test limits, the model compiled once
 * per thread and content.
 */
import { createHash } from 'node:crypto';
import type { ApiRowsResult } from '../model/api-rows.js';
import type { ModelDefinition } from '../model/types.js';
import { readableFiles } from '../readable-files.js';
import type { Caller } from '../users/user-directory.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';
import { storeModel, type StoreModelDeps } from './store-model.js';
import type { TestModelDeps } from './test-model.js';
import { answerLlmRows, withoutLlmColumns } from './llm-rows.js';

/** The modelId GET /datagen/api/gen takes: the stored model's name, or the reference as given. */
export async function registerApiModel(deps: StoreModelDeps, choice: ModelChoice, caller: Caller): Promise<string> {
  if (choice.kind === 'upload') return storeModel(deps, choice, caller);
  const model = await resolveModel(choice, modelSourcesOf(deps.models, deps.config, caller));
  await deps.modelChecks.compile(model, readableFiles(deps.config));
  return choice.ref;
}

export async function apiModelRows(deps: TestModelDeps, modelId: string, caller: Caller, request: { rows: number; seed?: number }): Promise<ApiRowsResult> {
  const model = await resolveModel({ kind: 'reference', param: 'modelId', ref: modelId }, modelSourcesOf(deps.models, deps.config, caller));
  const result = await deps.modelChecks.apiRows(model, readableFiles(deps.config), { cacheKey: compiledModelKey(model), ...request });
  if (result.llmColumns) await answerLlmRows(deps, caller, result.rows, result.llmColumns, request.seed);
  return withoutLlmColumns(result);
}

/** The key a model-check thread keeps a model compiled under: its content, not its name (a model stored again under the same name is compiled again). */
export function compiledModelKey(model: ModelDefinition): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}
