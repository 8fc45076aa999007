/** OLLAMA fields: Ollama's /api/chat, not streamed, the sampling settings and the seed as its options. */
import { clamp, type LlmCallSettings } from './call-settings.js';
import { postJson } from './http.js';
import type { LlmCall, LlmPrompt } from './provider.js';
import { LlmHttpError } from './retry.js';

export function messages(s: LlmCallSettings, prompt: string): Array<{ role: string; content: string }> {
  return [...(s.context ? [{ role: 'system', content: s.context }] : []), { role: 'user', content: prompt }];
}

export function ollamaBody(s: LlmCallSettings, p: Omit<LlmPrompt, 'signal'>): Record<string, unknown> {
  return {
    model: s.model,
    messages: messages(s, p.prompt),
    stream: false,
    options: {
      temperature: s.temperature,
      top_p: clamp(s.topP, 0, 1),
      frequency_penalty: s.frequencyPenalty,
      presence_penalty: s.presencePenalty,
      num_predict: s.maxTokens,
      ...(p.seed !== undefined ? { seed: p.seed } : {}),
    },
  };
}

export const callOllama: LlmCall = async (s, p) => {
  const out = (await postJson(`${s.url.replace(/\/+$/, '')}/api/chat`, ollamaBody(s, p), {}, p.signal)) as {
    message?: { content?: unknown };
    prompt_eval_count?: number;
    eval_count?: number;
  };
  if (typeof out?.message?.content !== 'string') throw new LlmHttpError(502, 'the Ollama server answered without a message');
  return { text: out.message.content, tokens: (out.prompt_eval_count ?? 0) + (out.eval_count ?? 0) };
};
