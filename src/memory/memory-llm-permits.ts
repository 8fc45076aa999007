/** Deployment-wide LLM permits in memory, for specs and in-process runs: the same leases over the in-memory bucket. */
import { LeasePermits } from '../llm/lease-permits.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { LeaseBucket } from '../ports/lease-bucket.js';
import type { LlmPermits } from '../ports/llm-permits.js';
import { InMemoryLeaseBucket } from './memory-lease-bucket.js';

/** `bucket`: shared by the openings that stand for the deployment's processes. */
export function inMemoryLlmPermits(leaseMs: number, bucket: LeaseBucket = new InMemoryLeaseBucket(leaseMs, systemClock as Clock)): LlmPermits {
  return new LeasePermits(bucket, leaseMs);
}
