/** The port contracts against the in-memory adapters: the same tests as the NATS adapters pass. */
import { InMemoryCredentialStore } from '../../src/memory/memory-credential-store.js';
import { InMemoryEventLog } from '../../src/memory/memory-event-log.js';
import { InMemoryLeaseBucket } from '../../src/memory/memory-lease-bucket.js';
import { InMemoryLlmAnswers } from '../../src/memory/memory-llm-answers.js';
import { inMemoryLlmPermits } from '../../src/memory/memory-llm-permits.js';
import { InMemoryLlmSpend } from '../../src/memory/memory-llm-spend.js';
import type { LeaseBucket } from '../../src/ports/lease-bucket.js';
import { InMemoryModelStore } from '../../src/memory/memory-model-store.js';
import { InMemorySecretStore } from '../../src/memory/memory-secret-store.js';
import { InMemoryUserStore } from '../../src/memory/memory-user-store.js';
import { InMemorySnapshotStore } from '../../src/memory/memory-snapshot-store.js';
import { InMemoryWorkQueue } from '../../src/memory/memory-work-queue.js';
import { credentialStoreContract } from './credential-store.contract.js';
import { eventLogContract } from './event-log.contract.js';
import { llmAnswersContract } from './llm-answers.contract.js';
import { llmPermitsContract } from './llm-permits.contract.js';
import { llmSpendContract } from './llm-spend.contract.js';
import { snapshotStoreContract } from './snapshot-store.contract.js';
import { leaseBucketContract, modelStoreContract, secretStoreContract } from './stores.contract.js';
import { userStoreContract } from './user-store.contract.js';
import { workQueueContract } from './work-queue.contract.js';

const LEASE_TTL_MS = 200;
const events = new InMemoryEventLog();
const models = new InMemoryModelStore();
const secrets = new InMemorySecretStore();
const leases = new InMemoryLeaseBucket(LEASE_TTL_MS);
const snapshots = new InMemorySnapshotStore();

eventLogContract('in-memory', () => events);
workQueueContract('in-memory', async (settings) => ({ queue: new InMemoryWorkQueue(settings), close: async () => {} }), 0.2);
modelStoreContract('in-memory', async () => models);
secretStoreContract('in-memory', async () => secrets);
const users = new InMemoryUserStore();
userStoreContract('in-memory', async () => users);
const credentials = new InMemoryCredentialStore();
credentialStoreContract('in-memory', async () => credentials);
leaseBucketContract('in-memory', async () => leases, LEASE_TTL_MS);
snapshotStoreContract('in-memory', async () => snapshots);
const llmAnswers = new InMemoryLlmAnswers();
llmAnswersContract('in-memory', async () => llmAnswers);
const llmSpend = new InMemoryLlmSpend();
llmSpendContract('in-memory', async () => llmSpend);
const permitLeases = new InMemoryLeaseBucket(LEASE_TTL_MS);
llmPermitsContract('in-memory', async () => {
  // A process of the deployment on the shared bucket; killed, its writes fail as a dead process's would.
  let dead = false;
  const alive = <T>(write: () => Promise<T>) => (dead ? Promise.reject(new Error('the process is dead')) : write());
  const own: LeaseBucket = {
    create: (k, v) => alive(() => permitLeases.create(k, v)),
    update: (k, v, r) => alive(() => permitLeases.update(k, v, r)),
    delete: (k, r) => alive(() => permitLeases.delete(k, r)),
  };
  return { permits: inMemoryLlmPermits(LEASE_TTL_MS, own), kill: async () => { dead = true; } };
}, LEASE_TTL_MS);
