/**
 * A real 3-node JetStream cluster with R3 buckets, each process connected to a different server: a fresh deployment's
 * processes open the model store at once and agree on its salt, and what one writes another reads at once (reads go
 * through the stream leader: a follower's direct get can answer from before a write it has not applied yet).
 */
import test from 'ava';
import type { NatsConnection } from '@nats-io/transport-node';
import { parseModelText } from '../../src/model/parse.js';
import { connectNats } from '../../src/nats/connection.js';
import { NatsCredentialStore } from '../../src/nats/credential-store.js';
import { NatsModelStore } from '../../src/nats/model-store.js';
import type { StoredCredential } from '../../src/ports/credential-store.js';
import { startTestNatsCluster, type TestNatsCluster } from '../helpers/nats-cluster.js';

const ROUNDS = 150;

let cluster: TestNatsCluster;
const connections: NatsConnection[] = [];

test.before(async () => {
  cluster = await startTestNatsCluster();
  for (const node of cluster.nodes) connections.push(await connectNats(node.url, `reads-${node.name}`));
});
test.after.always(async () => {
  await Promise.all(connections.map((nc) => nc.close()));
  await cluster?.destroy();
});

const model = (i: number) => parseModelText(JSON.stringify({
  model_name: `m${i}`,
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }],
  Table_Names: { KAFKA_TOPIC: `t${i}`, KAFKA_KEYSTORE_PASSWORD: 'ks-pass' },
}), 'test');

const credential = (data: string): StoredCredential => ({
  name: 'shared', id: 'c1', type: 'PASSWORD', account: 'svc',
  access: { owner: 'admin', users: [], groups: [], adminUsers: [], adminGroups: [] },
  createdAt: '2026-12-03T00:00:00.000Z',
  sealed: { keyId: 'k', iv: 'iv', tag: 'tag', data },
});

test.serial('three processes on three servers open a fresh model store at once: all start and agree on the salt', async (t) => {
  const stores = await Promise.all(connections.map((nc) => NatsModelStore.open(nc, 3)));
  // A model with a secret hashes with the salt: the same hash from every process means one salt.
  const hashes = await Promise.all(stores.map((s) => s.putContent(model(0))));
  t.is(new Set(hashes).size, 1, hashes.join(' '));
});

test.serial('a model saved through one server is found at once through each other one, every time', async (t) => {
  const stores = await Promise.all(connections.map((nc) => NatsModelStore.open(nc, 3)));
  const missed: string[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const writer = i % 3;
    await stores[writer]!.save(model(i), () => ({ owner: 'admin', users: [], groups: [], adminUsers: [], adminGroups: [] }));
    for (const reader of [0, 1, 2].filter((r) => r !== writer)) {
      // The name's entry, not the content: contents are cached per store, names are read from the bucket each time.
      if ((await stores[reader]!.accessOf(`m${i}`)) === undefined) missed.push(`m${i} via n${reader + 1}`);
    }
  }
  t.deepEqual(missed, []);
});

test.serial('a credential replaced through one server reads back new through each other one, every time', async (t) => {
  const stores = await Promise.all(connections.map((nc) => NatsCredentialStore.open(nc, 3)));
  const stale: string[] = [];
  for (let i = 1; i <= ROUNDS; i++) {
    const writer = i % 3;
    await stores[writer]!.put(credential(String(i)));
    for (const reader of [0, 1, 2].filter((r) => r !== writer)) {
      const got = await stores[reader]!.get('shared');
      if (got?.sealed.data !== String(i)) stale.push(`round ${i} via n${reader + 1}: ${got?.sealed.data}`);
    }
  }
  t.deepEqual(stale, []);
});
