/** The lease bucket in a JetStream KV bucket whose entries expire after the lease time (max age). */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { LeaseBucket } from '../ports/lease-bucket.js';
import { ensureMaxAge } from './streams.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_leases';

export class NatsLeaseBucket implements LeaseBucket {
  private constructor(private readonly kv: KV) {}

  /** `bucket`: the leader lease's by default; the LLM permits have their own (src/nats/llm-permits.ts). */
  static async open(nc: NatsConnection, ttlMs: number, replicas = 1, bucket = BUCKET): Promise<NatsLeaseBucket> {
    const kv = await openKvBucket(nc, bucket, { ttl: ttlMs, history: 1 }, replicas);
    await ensureMaxAge(nc, `KV_${bucket}`, ttlMs);
    return new NatsLeaseBucket(kv);
  }

  create(key: string, value: string): Promise<number> {
    return this.kv.create(key, value);
  }

  update(key: string, value: string, revision: number): Promise<number> {
    return this.kv.update(key, value, revision);
  }

  async delete(key: string, revision: number): Promise<void> {
    await this.kv.delete(key, { previousSeq: revision });
  }
}
