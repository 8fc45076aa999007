/**
 * POST /model/preview: the first rows of a model being written (the dashboard's builder), an upload never stored,
 * generated like /model/test's row on a model-check thread within its limits (heap, time budget, answer size), the
 * columns sinks write. Its warnings carry where they are (Fields[2].min_Date) so an editor can show them there.
 * LLM fields show their filled prompts, not answers: the builder asks for a preview at each edit, and twenty calls
 * to a paid model per keystroke is not a preview (/model/test answers them). Where a request names another LLM
 * field, its placeholder is shown.
 */
import type { JsonValue } from '../model/test-row.js';
import { withPlaceholders } from '../model/llm-chained-prompts.js';
import { readableFiles } from '../readable-files.js';
import type { Caller } from '../users/user-directory.js';
import { compiledModelKey } from './api-mode.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';
import type { TestModelDeps } from './test-model.js';

/** Rows of a preview: enough to see the values vary, few enough to regenerate at each change. */
export const PREVIEW_ROWS = 20;

export interface LocatedMessage {
  /** Where in the model: "Fields[2].min", "Options.KAFKA_ACKS_CONFIG", "" for the model as a whole. */
  path: string;
  message: string;
}

export interface ModelPreview {
  model: string;
  rows: Array<Record<string, JsonValue>>;
  /** The seed used; sent again, the same rows. */
  seed: number;
  warnings: LocatedMessage[];
}

/** A parser warning ("Fields[1].lenght: unknown property …") split at its location. */
export function locatedWarning(warning: string): LocatedMessage {
  const m = /^((?:Fields\[\d+\]|Table_Names|Options|Primary_Keys)[^:\s]*|[A-Za-z_]\w*): (.*)$/s.exec(warning);
  return m ? { path: m[1]!, message: m[2]! } : { path: '', message: warning };
}

export async function previewModel(deps: TestModelDeps, choice: ModelChoice, caller: Caller, seed?: number): Promise<ModelPreview> {
  const model = await resolveModel(choice, modelSourcesOf(deps.models, deps.config, caller));
  const request = { cacheKey: compiledModelKey(model), rows: PREVIEW_ROWS, ...(seed !== undefined ? { seed } : {}) };
  const { rows, seed: used, llmColumns } = await deps.modelChecks.apiRows(model, readableFiles(deps.config), request);
  for (const { name } of llmColumns ?? []) for (const row of rows) row[name] = withPlaceholders(String(row[name]));
  return { model: model.name, rows, seed: used, warnings: (model.warnings ?? []).map(locatedWarning) };
}
