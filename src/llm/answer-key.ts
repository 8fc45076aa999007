/**
 * The key an LLM answer is recorded under: a hash of everything that decides it (type, URL, model, system prompt,
 * sampling settings, the call's seed, the prompt, the row or pool slot), so that any change asks anew. A NATS KV
 * key (letters, digits, dots). Secrets (the API key) are not part of it. Pure.
 */
import { createHash } from 'node:crypto';
import type { LlmCallSettings } from './call-settings.js';

export function llmAnswerKey(s: LlmCallSettings, callSeed: number, prompt: string, slot: string): string {
  const parts = [s.type, s.url, s.model, s.context ?? '', s.temperature, s.topP, s.frequencyPenalty, s.presencePenalty, s.maxTokens, callSeed, slot, prompt];
  return `a.${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
}
