/** Recorded LLM answers in memory, for specs and in-process runs. */
import type { LlmAnswers } from '../ports/llm-answers.js';

export class InMemoryLlmAnswers implements LlmAnswers {
  private readonly answers = new Map<string, string>();

  async get(keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const key of keys) {
      const answer = this.answers.get(key);
      if (answer !== undefined) found.set(key, answer);
    }
    return found;
  }

  async put(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    for (const [key, answer] of entries) this.answers.set(key, answer);
  }
}
