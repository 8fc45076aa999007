/** Recorded LLM answers in a JetStream KV bucket, one entry per key (history 1: an answer is never rewritten differently). */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { LlmAnswers } from '../ports/llm-answers.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_llm_answers';

export class NatsLlmAnswers implements LlmAnswers {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsLlmAnswers> {
    const kv = await openKvBucket(nc, BUCKET, { history: 1 }, replicas);
    return new NatsLlmAnswers(kv);
  }

  async get(keys: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    await Promise.all([...new Set(keys)].map(async (key) => {
      const entry = await this.kv.get(key);
      if (entry && entry.operation === 'PUT') found.set(key, entry.string());
    }));
    return found;
  }

  async put(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    await Promise.all(entries.map(([key, answer]) => this.kv.put(key, answer)));
  }
}
