/**
 * LOCAL_LLM fields: the prompt answered in this process by the GGUF model (src/llm/local-engine.ts), as a chat with
 * the field's context as system prompt, the sampling settings and the seed given to the sampler, and the tokens the
 * model itself counted (prompt and answer).
 */
import path from 'node:path';
import type { LLamaChatPromptOptions } from 'node-llama-cpp';
import { clamp, type LlmCallSettings } from './call-settings.js';
import { withLocalModel } from './local-engine.js';
import type { LlmCall, LlmPrompt } from './provider.js';

/** The sampler's options of a call. Pure. */
export function localPromptOptions(s: LlmCallSettings, seed: number | undefined): LLamaChatPromptOptions {
  return {
    maxTokens: s.maxTokens,
    temperature: Math.max(0, s.temperature),
    topP: clamp(s.topP, 0, 1),
    repeatPenalty: { frequencyPenalty: clamp(s.frequencyPenalty, -2, 2), presencePenalty: clamp(s.presencePenalty, -2, 2) },
    ...(seed !== undefined ? { seed } : {}),
  };
}

function timedOut(s: LlmCallSettings, p: LlmPrompt): Error | undefined {
  if (!p.signal.aborted) return undefined;
  const name = path.basename(s.local?.file ?? '');
  return p.signal.reason?.name === 'TimeoutError' ? new Error(`LOCAL_LLM model ${name} did not answer in time (DATAGEN_LLM_TIMEOUT_MS)`) : (p.signal.reason as Error);
}

export const callLocalLlm: LlmCall = async (s, p) => {
  const local = s.local;
  if (!local?.file) throw new Error('LOCAL_LLM call without a resolved model file');
  const { LlamaChatSession } = await import('node-llama-cpp');
  return withLocalModel({ file: local.file, sequences: local.sequences, idleMs: local.idleSeconds * 1000, ...(local.threads ? { threads: local.threads } : {}) }, async (seq) => {
    const before = seq.tokenMeter.usedInputTokens + seq.tokenMeter.usedOutputTokens;
    const session = new LlamaChatSession({ contextSequence: seq, systemPrompt: s.context ?? '', autoDisposeSequence: false });
    try {
      const text = await session.prompt(p.prompt, { ...localPromptOptions(s, p.seed), signal: p.signal });
      return { text, tokens: seq.tokenMeter.usedInputTokens + seq.tokenMeter.usedOutputTokens - before };
    } catch (err) {
      throw timedOut(s, p) ?? err;
    } finally {
      session.dispose({ disposeSequence: false });
    }
  });
};
