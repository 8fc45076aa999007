/**
 * An LLM field's properties as written (pure): the original's request, context, url, user, password, model_type,
 * temperature, frequency_penalty, presence_penalty, max_tokens, top_p and file, pool_size (pool mode) and LOCAL_LLM's threads. Defaults
 * are applied where the field is called (src/llm/defaults.ts), since a deployment's settings may give them.
 */
import { ModelError } from '../errors.js';

export type LlmType = 'OLLAMA' | 'OPEN_AI' | 'BEDROCK' | 'LOCAL_LLM';

export interface LlmSpec {
  type: LlmType;
  /** The prompt, `${col}` placeholders filled from the row (a static prompt is sent as is). */
  request: string;
  /** The system prompt. */
  context?: string;
  url?: string;
  /** BEDROCK: the AWS access key id. */
  user?: string;
  /** OPEN_AI: the API key; BEDROCK: the AWS secret key. A secret: never in events, views, logs or errors. */
  password?: string;
  model?: string;
  temperature?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  maxTokens?: number;
  topP?: number;
  /** LOCAL_LLM: the GGUF file. */
  file?: string;
  /** LOCAL_LLM: llama.cpp threads. */
  threads?: number;
  /** Pool mode: this many distinct answers per distinct prompt, rows sampling among them. */
  poolSize?: number;
}

/** Rows of one prompt share at most this many answers in pool mode. */
export const MAX_POOL_SIZE = 10_000;

const NUMBERS = [
  ['temperature', 'temperature'],
  ['frequency_penalty', 'frequencyPenalty'],
  ['presence_penalty', 'presencePenalty'],
  ['top_p', 'topP'],
] as const;

function str(p: Record<string, unknown>, key: string, path: string): string | undefined {
  const v = p[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ModelError('must be a string', `${path}.${key}`);
  return v;
}

function num(p: Record<string, unknown>, key: string, path: string): number | undefined {
  const v = p[key];
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.trim()) : NaN;
  if (!Number.isFinite(n)) throw new ModelError(`must be a number, got ${JSON.stringify(v)}`, `${path}.${key}`);
  return n;
}

function positiveInt(p: Record<string, unknown>, key: string, path: string, max: number): number | undefined {
  const n = num(p, key, path);
  if (n === undefined) return undefined;
  if (!Number.isInteger(n) || n < 1 || n > max) throw new ModelError(`must be an integer from 1 to ${max}, got ${JSON.stringify(p[key])}`, `${path}.${key}`);
  return n;
}

export function isLlmType(type: string): type is LlmType {
  return type === 'OLLAMA' || type === 'OPEN_AI' || type === 'BEDROCK' || type === 'LOCAL_LLM';
}

/** Validates an LLM field's properties; throws ModelError naming the property. */
export function readLlmSpec(p: Record<string, unknown>, type: LlmType, name: string, path: string): LlmSpec {
  const request = str(p, 'request', path);
  if (request === undefined || request.trim() === '') throw new ModelError(`is required for ${type} field "${name}": the prompt, with \${column} placeholders`, `${path}.request`);
  const spec: LlmSpec = { type, request };
  const context = str(p, 'context', path);
  if (context !== undefined && context !== '') spec.context = context;
  for (const [key, slot] of [['url', 'url'], ['user', 'user'], ['password', 'password'], ['model_type', 'model'], ['file', 'file']] as const) {
    const v = str(p, key, path)?.trim();
    if (v) spec[slot] = v;
  }
  // The original's shipped values (2.0) exceed what some servers accept: they are clamped where sent, not refused.
  for (const [key, slot] of NUMBERS) {
    const v = num(p, key, path);
    if (v !== undefined) spec[slot] = v;
  }
  const maxTokens = positiveInt(p, 'max_tokens', path, 1_000_000);
  if (maxTokens !== undefined) spec.maxTokens = maxTokens;
  const pool = positiveInt(p, 'pool_size', path, MAX_POOL_SIZE);
  if (pool !== undefined) spec.poolSize = pool;
  const threads = positiveInt(p, 'threads', path, 256);
  if (threads !== undefined) spec.threads = threads;
  if (type === 'LOCAL_LLM' && !spec.file) throw new ModelError(`is required for LOCAL_LLM field "${name}": a GGUF file`, `${path}.file`);
  return spec;
}
