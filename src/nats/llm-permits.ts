/**
 * Deployment-wide LLM permits in their own JetStream KV bucket, entries living the lease time after their last
 * write (the bucket's max age: this nats-server, 2.9, has no per-message TTL), renewed by their holder.
 */
import type { NatsConnection } from '@nats-io/transport-node';
import { LeasePermits } from '../llm/lease-permits.js';
import type { LlmPermits } from '../ports/llm-permits.js';
import { NatsLeaseBucket } from './lease-bucket.js';

const BUCKET = 'datagen_llm_permits';

export async function openNatsLlmPermits(nc: NatsConnection, leaseMs: number, replicas = 1): Promise<LlmPermits> {
  return new LeasePermits(await NatsLeaseBucket.open(nc, leaseMs, replicas, BUCKET), leaseMs);
}
