/** The port contracts against the NATS adapters, on a real nats-server. */
import test from 'ava';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { WORK_STREAM } from '../../src/events/subjects.js';
import { connectNats } from '../../src/nats/connection.js';
import { NatsEventLog } from '../../src/nats/event-log.js';
import { NatsLeaseBucket } from '../../src/nats/lease-bucket.js';
import { NatsLlmAnswers } from '../../src/nats/llm-answers.js';
import { openNatsLlmPermits } from '../../src/nats/llm-permits.js';
import { NatsLlmSpend } from '../../src/nats/llm-spend.js';
import { NatsModelStore } from '../../src/nats/model-store.js';
import { NatsSecretStore } from '../../src/nats/secret-store.js';
import { NatsCredentialStore } from '../../src/nats/credential-store.js';
import { NatsUserStore } from '../../src/nats/user-store.js';
import { NatsSnapshotStore } from '../../src/nats/snapshot-store.js';
import { ensureStreams } from '../../src/nats/streams.js';
import { NatsWorkQueue } from '../../src/nats/work-queue.js';
import { parseModelText } from '../../src/model/parse.js';
import { ownedBy } from '../../src/users/access.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';
import { eventLogContract } from './event-log.contract.js';
import { llmAnswersContract } from './llm-answers.contract.js';
import { llmPermitsContract } from './llm-permits.contract.js';
import { llmSpendContract } from './llm-spend.contract.js';
import { snapshotStoreContract } from './snapshot-store.contract.js';
import { leaseBucketContract, modelStoreContract, secretStoreContract } from './stores.contract.js';
import { credentialStoreContract } from './credential-store.contract.js';
import { userStoreContract } from './user-store.contract.js';
import { workQueueContract } from './work-queue.contract.js';

const LEASE_TTL_MS = 1000;
let nats: TestNats;
let nc: NatsConnection;
let events: NatsEventLog;
/** The permit holders' own connections (a holder is killed by closing its connection). */
const holders: NatsConnection[] = [];

test.before(async () => {
  nats = await startTestNats();
  nc = await connectNats(nats.url, 'contract');
  await ensureStreams(nc);
  events = new NatsEventLog(jetstream(nc));
});
test.after.always(async () => {
  await Promise.all(holders.map((h) => h.close()));
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
credentialStoreContract('NATS', () => NatsCredentialStore.open(nc));

test('NATS model store: a name stored before access lists (its value a bare hash) reads with none (null) and keeps it until changed', async (t) => {
  const store = await NatsModelStore.open(nc);
  const name = `legacy-${randomUUID()}`;
  const model = parseModelText(JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'test');
  const hash = await store.putContent(model);
  const names = await new Kvm(nc).open('datagen_model_names');
  await names.put(`m.${Buffer.from(name).toString('base64url')}`, hash);
  t.is(await store.accessOf(name), null);
  t.deepEqual(await store.getByName(name), model);
  const seen: unknown[] = [];
  await store.save(model, (current) => (seen.push(current), ownedBy('ann')));
  t.deepEqual(seen, [null]);
  t.deepEqual(await (await NatsModelStore.open(nc)).accessOf(name), ownedBy('ann'));
});
leaseBucketContract('NATS', () => NatsLeaseBucket.open(nc, LEASE_TTL_MS), LEASE_TTL_MS);
snapshotStoreContract('NATS', () => NatsSnapshotStore.open(nc));
llmAnswersContract('NATS', () => NatsLlmAnswers.open(nc));
llmSpendContract('NATS', () => NatsLlmSpend.open(nc));
llmPermitsContract('NATS', async () => {
  const own = await connectNats(nats.url, 'contract-permits');
  holders.push(own);
  return { permits: await openNatsLlmPermits(own, LEASE_TTL_MS), kill: () => own.close() };
}, LEASE_TTL_MS);

test('NATS lease bucket: reopened with another lease time, its entries live the new one (the kv client keeps a bucket\'s first)', async (t) => {
  const bucket = `scratch_leases_${randomUUID().slice(0, 8)}`;
  await NatsLeaseBucket.open(nc, 1000, 1, bucket);
  await NatsLeaseBucket.open(nc, 3000, 1, bucket);
  const info = await (await jetstreamManager(nc)).streams.info(`KV_${bucket}`);
  t.is(info.config.max_age, 3000 * 1_000_000);
});
