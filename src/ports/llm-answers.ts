/**
 * Recorded LLM answers (issue 19): a seeded command's answers by key (src/llm/answer-key.ts), so that a rerun or a
 * redelivered batch gives byte-identical rows without calling the model again. Batched: one lookup and one record
 * per chunk, since generator threads reach the store through their parent's message channel.
 */
export interface LlmAnswers {
  /** The answers recorded under these keys; keys never recorded are absent from the map. */
  get(keys: readonly string[]): Promise<Map<string, string>>;
  /** Records answers; a key recorded again keeps the last one (the same answer, for a seeded call). */
  put(entries: ReadonlyArray<readonly [string, string]>): Promise<void>;
}
