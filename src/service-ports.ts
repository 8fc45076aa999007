/** Every port a process's roles use, opened once per process: on NATS in production, in memory in specs. */
import type { HealthProbe } from './health.js';
import type { Clock } from './ports/clock.js';
import type { CredentialStore } from './ports/credential-store.js';
import type { EventLog } from './ports/event-log.js';
import type { Ids } from './ports/ids.js';
import type { LeaseBucket } from './ports/lease-bucket.js';
import type { LlmAnswers } from './ports/llm-answers.js';
import type { LlmPermits } from './ports/llm-permits.js';
import type { LlmSpend } from './ports/llm-spend.js';
import type { ModelStore } from './ports/model-store.js';
import type { SecretStore } from './ports/secret-store.js';
import type { SnapshotStore } from './ports/snapshot-store.js';
import type { UserStore } from './ports/user-store.js';
import type { WorkQueue, WorkQueueSettings } from './ports/work-queue.js';

export interface ServicePorts {
  events: EventLog;
  work: WorkQueue;
  /** The queue's ack wait and deliveries per item, as the queue applies them. */
  workSettings: WorkQueueSettings;
  models: ModelStore;
  secrets: SecretStore;
  /** Users added through /users/* (the configured ones are in Config). */
  users: UserStore;
  /** Credentials added through /credentials/*, sealed; opened with the configured key (src/credentials/vault.ts). */
  credentials: CredentialStore;
  leases: LeaseBucket;
  /** Life of a lease entry without refresh. */
  leaseMs: number;
  /** Snapshots of the read model and the orchestrator; without it, every start replays the whole log. */
  snapshots?: SnapshotStore;
  /** Seeded commands' LLM answers, so reruns and redelivered batches need no call. */
  llmAnswers: LlmAnswers;
  /** Permits per LLM endpoint shared by the deployment's workers (DATAGEN_LLM_ENDPOINT_CONCURRENCY). */
  llmPermits: LlmPermits;
  /** Commands' LLM calls and tokens counted across their workers, against their budget. */
  llmSpend: LlmSpend;
  /** Whether the event log is reachable. */
  health: HealthProbe;
  clock: Clock;
  ids: Ids;
}
