/** What an LLM provider does for a field: one prompt in, one answer out, with the tokens it cost. */
import type { LlmCallSettings } from './call-settings.js';

export interface LlmAnswer {
  text: string;
  tokens: number;
}

export interface LlmPrompt {
  prompt: string;
  /** Given to servers that accept one, so a seeded command asks reproducibly. */
  seed?: number;
  signal: AbortSignal;
}

export type LlmCall = (settings: LlmCallSettings, prompt: LlmPrompt) => Promise<LlmAnswer>;
