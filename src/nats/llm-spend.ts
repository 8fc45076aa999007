/**
 * Commands' LLM spend in a JetStream KV bucket, one entry per command ({calls, tokens} as JSON), changed only with
 * compare-and-set on its revision so that concurrent workers never count past the budget. Entries live 30 days
 * after their last change.
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { isRevisionConflict } from '../ports/revision-conflict.js';
import { spentLimit, type BudgetLimits, type LlmSpend, type LlmSpent } from '../ports/llm-spend.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_llm_spend';
const LIFE_MS = 30 * 24 * 3600 * 1000;

export class NatsLlmSpend implements LlmSpend {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsLlmSpend> {
    const kv = await openKvBucket(nc, BUCKET, { history: 1, ttl: LIFE_MS }, replicas);
    return new NatsLlmSpend(kv);
  }

  async takeCall(command: string, limits: BudgetLimits): Promise<{ taken: boolean; spent: LlmSpent }> {
    let taken = false;
    const spent = await this.change(command, (s) => {
      taken = spentLimit(s, limits) === undefined;
      return taken ? { calls: s.calls + 1, tokens: s.tokens } : undefined;
    });
    return { taken, spent };
  }

  async addTokens(command: string, tokens: number): Promise<void> {
    if (tokens > 0) await this.change(command, (s) => ({ calls: s.calls, tokens: s.tokens + tokens }));
  }

  /** Applies `next` to the command's spend until no other writer came in between; `next` undefined: no change. */
  private async change(command: string, next: (s: LlmSpent) => LlmSpent | undefined): Promise<LlmSpent> {
    const key = `c.${command}`;
    for (;;) {
      const entry = await this.kv.get(key);
      const live = entry && entry.operation === 'PUT';
      const current: LlmSpent = live ? (entry.json() as LlmSpent) : { calls: 0, tokens: 0 };
      const after = next(current);
      if (!after) return current;
      const value = JSON.stringify(after);
      try {
        await (live ? this.kv.update(key, value, entry.revision) : this.kv.create(key, value));
        return after;
      } catch (err) {
        if (!isRevisionConflict(err)) throw err;
      }
    }
  }
}
