/** The call of each LLM type. */
import type { LlmType } from '../model/llm-spec.js';
import { callBedrock } from './bedrock.js';
import { callLocalLlm } from './local-llm.js';
import { callOllama } from './ollama.js';
import { callOpenAi } from './openai.js';
import type { LlmCall } from './provider.js';

let localCall: LlmCall = callLocalLlm;

/** A generator thread sends its LOCAL_LLM calls to its process (src/activities/thread-local-llm.ts). */
export function routeLocalLlmCalls(call: LlmCall): void {
  localCall = call;
}

export function llmCall(type: LlmType): LlmCall {
  if (type === 'OLLAMA') return callOllama;
  if (type === 'OPEN_AI') return callOpenAi;
  if (type === 'LOCAL_LLM') return localCall;
  return callBedrock;
}
