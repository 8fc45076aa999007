/** The ports on one NATS connection: what src/service.ts wires into the roles in production. */
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ServicePorts } from '../service-ports.js';
import { systemClock } from '../ports/clock.js';
import { randomIds } from '../ports/ids.js';
import type { WorkQueueSettings } from '../ports/work-queue.js';
import { NatsCredentialStore } from './credential-store.js';
import { NatsEventLog } from './event-log.js';
import { NatsHealth } from './health.js';
import { NatsLeaseBucket } from './lease-bucket.js';
import { NatsLlmAnswers } from './llm-answers.js';
import { openNatsLlmPermits } from './llm-permits.js';
import { NatsLlmSpend } from './llm-spend.js';
import { NatsModelStore } from './model-store.js';
import { NatsSecretStore } from './secret-store.js';
import { NatsSnapshotStore } from './snapshot-store.js';
import { NatsUserStore } from './user-store.js';
import { ensureStreams } from './streams.js';
import { NatsWorkQueue } from './work-queue.js';

/** `replicas`: of every stream and bucket (DATAGEN_NATS_REPLICAS); `llmPermitLeaseMs`: DATAGEN_LLM_PERMIT_LEASE_MS. */
export async function openNatsPorts(nc: NatsConnection, work: WorkQueueSettings, leaseMs: number, replicas = 1, llmPermitLeaseMs = 15_000): Promise<ServicePorts> {
  await ensureStreams(nc, work, replicas);
  const js = jetstream(nc);
  return {
    events: new NatsEventLog(js),
    work: new NatsWorkQueue(nc, js),
    workSettings: work,
    models: await NatsModelStore.open(nc, replicas),
    secrets: await NatsSecretStore.open(nc, replicas),
    users: await NatsUserStore.open(nc, replicas),
    credentials: await NatsCredentialStore.open(nc, replicas),
    leases: await NatsLeaseBucket.open(nc, leaseMs, replicas),
    leaseMs,
    snapshots: await NatsSnapshotStore.open(nc, replicas),
    llmAnswers: await NatsLlmAnswers.open(nc, replicas),
    llmPermits: await openNatsLlmPermits(nc, llmPermitLeaseMs, replicas),
    llmSpend: await NatsLlmSpend.open(nc, replicas),
    health: new NatsHealth(nc),
    clock: systemClock,
    ids: randomIds,
  };
}
