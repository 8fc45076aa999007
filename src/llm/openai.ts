/**
 * OPEN_AI fields: the Chat Completions API of any OpenAI-compatible base URL (OpenAI, Ollama's /v1, vLLM, …),
 * the API key sent as a bearer token and nowhere else. Penalties are clamped to [-2, 2], temperature to [0, 2],
 * top_p to [0, 1]: the ranges the API accepts (the original's shipped defaults of 2.0 for top_p were refused).
 */
import { clamp, type LlmCallSettings } from './call-settings.js';
import { postJson } from './http.js';
import { messages } from './ollama.js';
import type { LlmCall, LlmPrompt } from './provider.js';
import { LlmHttpError } from './retry.js';

export function openAiBody(s: LlmCallSettings, p: Omit<LlmPrompt, 'signal'>): Record<string, unknown> {
  return {
    model: s.model,
    messages: messages(s, p.prompt),
    temperature: clamp(s.temperature, 0, 2),
    top_p: clamp(s.topP, 0, 1),
    frequency_penalty: clamp(s.frequencyPenalty, -2, 2),
    presence_penalty: clamp(s.presencePenalty, -2, 2),
    max_tokens: s.maxTokens,
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
  };
}

export const callOpenAi: LlmCall = async (s, p) => {
  const headers: Record<string, string> = s.apiKey ? { authorization: `Bearer ${s.apiKey}` } : {};
  const out = (await postJson(`${s.url.replace(/\/+$/, '')}/chat/completions`, openAiBody(s, p), headers, p.signal)) as {
    choices?: Array<{ message?: { content?: unknown } }>;
    usage?: { total_tokens?: number };
  };
  const text = out?.choices?.[0]?.message?.content;
  if (typeof text !== 'string') throw new LlmHttpError(502, 'the OpenAI-compatible server answered without a choice');
  return { text, tokens: out.usage?.total_tokens ?? 0 };
};
