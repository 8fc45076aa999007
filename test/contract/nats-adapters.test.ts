/** The port contracts against the NATS adapters, on a real nats-server. */
import test from 'ava';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { WORK_STREAM } from '../../src/events/subjects.js';
import { connectNats } from '../../src/nats/connection.js';
import { NatsEventLog } from '../../src/nats/event-log.js';
import { NatsLeaseBucket } from '../../src/nats/lease-bucket.js';
import { NatsModelStore } from '../../src/nats/model-store.js';
import { NatsSecretStore } from '../../src/nats/secret-store.js';
import { NatsUserStore } from '../../src/nats/user-store.js';
import { NatsSnapshotStore } from '../../src/nats/snapshot-store.js';
import { ensureStreams } from '../../src/nats/streams.js';
import { NatsWorkQueue } from '../../src/nats/work-queue.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { eventLogContract } from './event-log.contract.js';
import { snapshotStoreContract } from './snapshot-store.contract.js';
import { leaseBucketContract, modelStoreContract, secretStoreContract } from './stores.contract.js';
import { userStoreContract } from './user-store.contract.js';
import { workQueueContract } from './work-queue.contract.js';

const LEASE_TTL_MS = 1000;
let nats: TestNats;
let nc: NatsConnection;
let events: NatsEventLog;

test.before(async () => {
  nats = await startTestNats();
  nc = await connectNats(nats.url, 'contract');
  await ensureStreams(nc);
  events = new NatsEventLog(jetstream(nc));
});
test.after.always(async () => {
  await nc?.close();
  await nats?.destroy();
});

eventLogContract('NATS', () => events);

workQueueContract('NATS', async (settings) => {
  // A fresh work stream and consumer per test: no item of another test can be pulled.
  await (await jetstreamManager(nc)).streams.delete(WORK_STREAM).catch(() => {});
  await ensureStreams(nc, settings);
  return { queue: new NatsWorkQueue(nc, jetstream(nc)), close: async () => {} };
}, 1);

modelStoreContract('NATS', () => NatsModelStore.open(nc));
secretStoreContract('NATS', () => NatsSecretStore.open(nc));
userStoreContract('NATS', () => NatsUserStore.open(nc));
leaseBucketContract('NATS', () => NatsLeaseBucket.open(nc, LEASE_TTL_MS), LEASE_TTL_MS);
snapshotStoreContract('NATS', () => NatsSnapshotStore.open(nc));
