/** A whole set of in-memory ports, as one deployment's processes share them (one "server" in memory). */
import type { HealthProbe } from '../health.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { randomIds, type Ids } from '../ports/ids.js';
import { DEFAULT_WORK_SETTINGS, type WorkQueueSettings } from '../ports/work-queue.js';
import type { ServicePorts } from '../service-ports.js';
import { InMemoryEventLog } from './memory-event-log.js';
import { InMemoryLeaseBucket } from './memory-lease-bucket.js';
import { InMemoryLlmAnswers } from './memory-llm-answers.js';
import { inMemoryLlmPermits } from './memory-llm-permits.js';
import { InMemoryLlmSpend } from './memory-llm-spend.js';
import { InMemoryModelStore } from './memory-model-store.js';
import { InMemorySecretStore } from './memory-secret-store.js';
import { InMemorySnapshotStore } from './memory-snapshot-store.js';
import { InMemoryCredentialStore } from './memory-credential-store.js';
import { InMemoryUserStore } from './memory-user-store.js';
import { InMemoryWorkQueue } from './memory-work-queue.js';

export interface InMemoryPorts extends ServicePorts {
  events: InMemoryEventLog;
  work: InMemoryWorkQueue;
  snapshots: InMemorySnapshotStore;
}

export interface InMemoryPortsOptions {
  workSettings?: WorkQueueSettings;
  leaseMs?: number;
  clock?: Clock;
  ids?: Ids;
}

const ALWAYS_UP: HealthProbe = { isConnected: true, check: async () => ({ ok: true, nats: 'connected', jetstream: 'available' }) };

export function inMemoryPorts(options: InMemoryPortsOptions = {}): InMemoryPorts {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const workSettings = options.workSettings ?? DEFAULT_WORK_SETTINGS;
  const leaseMs = options.leaseMs ?? 6000;
  return {
    events: new InMemoryEventLog(clock, ids),
    work: new InMemoryWorkQueue(workSettings, clock),
    workSettings,
    models: new InMemoryModelStore(),
    secrets: new InMemorySecretStore(),
    users: new InMemoryUserStore(),
    credentials: new InMemoryCredentialStore(),
    leases: new InMemoryLeaseBucket(leaseMs, clock),
    leaseMs,
    snapshots: new InMemorySnapshotStore(),
    llmAnswers: new InMemoryLlmAnswers(),
    llmPermits: inMemoryLlmPermits(leaseMs, new InMemoryLeaseBucket(leaseMs, clock)),
    llmSpend: new InMemoryLlmSpend(),
    health: ALWAYS_UP,
    clock,
    ids,
  };
}
