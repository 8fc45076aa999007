/**
 * An LLM field's call settings: the field's value, else the deployment's DATAGEN_LLM_<TYPE>_<SETTING> property (the
 * original's `*.default` properties), else the original's hard-coded default (its spec §6.5): Ollama and OpenAI
 * sample at temperature, top_p and both penalties 1.0; OpenAI's model gpt-4-32k, Bedrock's amazon.titan-text-lite-v1
 * at temperature 0.5 in us-east-1; 256 tokens at most. Pure.
 */
import type { LlmSpec, LlmType } from '../model/llm-spec.js';
import { DEFAULT_OPENAI_URL } from './url-policy.js';

export interface LlmCallSettings {
  type: LlmType;
  url: string;
  model: string;
  apiKey?: string;
  accessKeyId?: string;
  region?: string;
  context?: string;
  temperature: number;
  topP: number;
  frequencyPenalty: number;
  presencePenalty: number;
  maxTokens: number;
  /** LOCAL_LLM: how its model runs in this process. */
  local?: LocalRun;
}

export interface LocalRun {
  /** The GGUF file as the field names it; once resolved (src/llm/local-model-file.ts), its real path. */
  file: string;
  /** llama.cpp threads: the field's `threads`, else DATAGEN_LLM_LOCAL_THREADS; absent: the machine's cores. */
  threads?: number;
  /** Context sequences: calls at once (DATAGEN_LLM_CONCURRENCY, set where the chunk runs). */
  sequences: number;
  /** A loaded model is released this long after its last call (DATAGEN_LLM_LOCAL_IDLE_SECONDS, 300). */
  idleSeconds: number;
}

const PREFIX: Record<LlmType, string> = { OLLAMA: 'DATAGEN_LLM_OLLAMA_', OPEN_AI: 'DATAGEN_LLM_OPENAI_', BEDROCK: 'DATAGEN_LLM_BEDROCK_', LOCAL_LLM: 'DATAGEN_LLM_LOCAL_' };

const HARD: Record<LlmType, { url: string; model: string; temperature: number; sampling: number }> = {
  OLLAMA: { url: 'http://localhost:11434', model: 'llama3', temperature: 1, sampling: 1 },
  OPEN_AI: { url: DEFAULT_OPENAI_URL, model: 'gpt-4-32k', temperature: 1, sampling: 1 },
  BEDROCK: { url: '', model: 'amazon.titan-text-lite-v1', temperature: 0.5, sampling: 1 },
  LOCAL_LLM: { url: '', model: '', temperature: 1, sampling: 1 },
};

function numberSetting(props: Readonly<Record<string, string>>, key: string): number | undefined {
  const v = props[key]?.trim();
  const n = v ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

export function llmCallSettings(spec: LlmSpec, props: Readonly<Record<string, string>>): LlmCallSettings {
  const pre = PREFIX[spec.type];
  const hard = HARD[spec.type];
  const num = (own: number | undefined, key: string, fallback: number) => own ?? numberSetting(props, pre + key) ?? fallback;
  const settings: LlmCallSettings = {
    type: spec.type,
    url: spec.url ?? props[`${pre}URL`]?.trim() ?? hard.url,
    model: spec.model ?? props[`${pre}MODEL`]?.trim() ?? hard.model,
    temperature: num(spec.temperature, 'TEMPERATURE', hard.temperature),
    topP: num(spec.topP, 'TOP_P', hard.sampling),
    frequencyPenalty: num(spec.frequencyPenalty, 'FREQUENCY_PENALTY', hard.sampling),
    presencePenalty: num(spec.presencePenalty, 'PRESENCE_PENALTY', hard.sampling),
    maxTokens: num(spec.maxTokens, 'MAX_TOKENS', 256),
  };
  if (spec.context) settings.context = spec.context;
  if (spec.type === 'OPEN_AI') {
    const key = spec.password ?? props.DATAGEN_LLM_OPENAI_API_KEY;
    if (key) settings.apiKey = key;
  }
  if (spec.type === 'BEDROCK') {
    // AWS's endpoint for the region, or the deployment's own (a VPC endpoint): never one a model names.
    settings.url = props.DATAGEN_LLM_BEDROCK_URL?.trim() ?? '';
    settings.region = props.DATAGEN_LLM_BEDROCK_REGION?.trim() || 'us-east-1';
    const id = spec.user ?? props.DATAGEN_LLM_BEDROCK_ACCESS_KEY_ID;
    const secret = spec.password ?? props.DATAGEN_LLM_BEDROCK_SECRET_ACCESS_KEY;
    if (id) settings.accessKeyId = id;
    if (secret) settings.apiKey = secret;
  }
  if (spec.type === 'LOCAL_LLM') {
    const threads = spec.threads ?? numberSetting(props, 'DATAGEN_LLM_LOCAL_THREADS');
    settings.local = { file: spec.file ?? '', sequences: 1, idleSeconds: Math.max(1, numberSetting(props, 'DATAGEN_LLM_LOCAL_IDLE_SECONDS') ?? 300), ...(threads && threads >= 1 ? { threads: Math.floor(threads) } : {}) };
  }
  return settings;
}

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));
