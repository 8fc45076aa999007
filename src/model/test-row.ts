/**
 * POST /model/test: one generated row of a model, ghost fields included and named, every value JSON-safe
 * (LONG as a decimal string, DATE as an ISO string, BYTES and HASH_MD5 as upper-case hex).
 */
import { randomInt } from 'node:crypto';
import { compileModel, type CompileEnv } from './compile.js';
import type { LlmColumn, ModelDefinition, Value } from './types.js';
import { toHex } from './hex.js';

export type JsonValue = string | number | boolean | null;

export interface TestRowResult {
  model: string;
  /** Every field in model order, ghost fields included. */
  row: Record<string, JsonValue>;
  /** Names of the fields sinks would not output. */
  ghost: string[];
  /** The seed used; passing it again gives the same row. */
  seed: number;
  warnings: string[];
  /** The LLM fields whose values are still prompts: the caller has the model answer them (src/use-cases/llm-rows.ts). */
  llmColumns?: LlmColumn[];
}

export function jsonValue(v: Value): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return v;
}

export async function testRow(model: ModelDefinition, env: CompileEnv, options: { seed?: number; referenceTime?: number } = {}): Promise<TestRowResult> {
  const seed = options.seed ?? randomInt(0, 2 ** 47);
  const visible: ModelDefinition = { ...model, fields: model.fields.map((f) => ({ ...f, ghost: false })) };
  const generator = await compileModel(visible, env);
  try {
    const [values] = generator.generate(seed, 0, 1, { referenceTime: options.referenceTime });
    const row: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(values)) row[k] = jsonValue(v);
    const llm = generator.llmColumns ? { llmColumns: generator.llmColumns } : {};
    return { model: model.name, row, ghost: model.fields.filter((f) => f.ghost).map((f) => f.name), seed, warnings: model.warnings ?? [], ...llm };
  } finally {
    generator.dispose?.();
  }
}
