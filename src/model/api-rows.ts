/**
 * GET /datagen/api/gen: a few rows of a registered model on demand, the columns sinks write (ghost fields left
 * out), values JSON-safe as /model/test gives them. The generator is compiled once per model-check thread and model
 * content and kept in a small LRU, so an API caller polling for rows does not pay a compilation each time.
 */
import { randomInt } from 'node:crypto';
import { compileModel, type CompileEnv } from './compile.js';
import { jsonValue, type JsonValue } from './test-row.js';
import type { LlmColumn, ModelDefinition, RowGenerator } from './types.js';

/** Rows one request may ask for: a page to look at or feed a test, not a dataset (commands are for that). */
export const MAX_API_ROWS = 1000;

/** Compiled models a thread keeps. */
const CACHED_MODELS = 8;

export interface ApiRowsResult {
  model: string;
  rows: Array<Record<string, JsonValue>>;
  /** The seed used; passing it again gives the same rows. */
  seed: number;
  /** The LLM fields whose values are still prompts: the caller has the model answer them (src/use-cases/llm-rows.ts). */
  llmColumns?: LlmColumn[];
}

export interface ApiRowsRequest {
  /** Identifies the model's content (a hash): the cache key. */
  cacheKey: string;
  rows: number;
  seed?: number;
}

const compiled = new Map<string, Promise<RowGenerator>>();

async function generatorFor(model: ModelDefinition, env: CompileEnv, key: string): Promise<RowGenerator> {
  let generator = compiled.get(key);
  if (generator) {
    compiled.delete(key); // most recently used last
  } else {
    generator = compileModel(model, env);
    generator.catch(() => compiled.delete(key));
  }
  compiled.set(key, generator);
  while (compiled.size > CACHED_MODELS) {
    const [oldest, evicted] = compiled.entries().next().value!;
    compiled.delete(oldest);
    void evicted.then((g) => g.dispose?.(), () => {});
  }
  return generator;
}

export async function apiRows(model: ModelDefinition, env: CompileEnv, request: ApiRowsRequest): Promise<ApiRowsResult> {
  const seed = request.seed ?? randomInt(0, 2 ** 47);
  const generator = await generatorFor(model, env, request.cacheKey);
  const rows = generator.generate(seed, 0, request.rows).map((values) => {
    const row: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(values)) row[k] = jsonValue(v);
    return row;
  });
  return { model: model.name, rows, seed, ...(generator.llmColumns ? { llmColumns: generator.llmColumns } : {}) };
}
