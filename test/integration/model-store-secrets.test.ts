/** The model store keeps a model's secrets apart from it, against a real nats-server. */
import test from 'ava';
import { Kvm } from '@nats-io/kv';
import { Objm } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { createHash } from 'node:crypto';
import { parseModelText } from '../../src/model/parse.js';
import type { ModelDefinition } from '../../src/model/types.js';
import { connectNats } from '../../src/nats/connection.js';
import { ownedBy } from '../../src/users/access.js';
import { NatsModelStore } from '../../src/nats/model-store.js';
import { startTestNats, type TestNats } from '../helpers/nats-server.js';

let nats: TestNats;
let nc: NatsConnection;

const modelWith = (name: string, password: string): ModelDefinition => parseModelText(JSON.stringify({
  model_name: name,
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }],
  Table_Names: { KAFKA_TOPIC: 'orders', KAFKA_KEYSTORE_PASSWORD: password, S3_ACCESS_KEY_SECRET: `s3-${password}` },
  Options: { SCHEMA_REGISTRY_URL: `https://reg:url-${password}@registry:8081` },
}), 'test');

/** Every object of the model object store, as text. */
async function storedObjects(): Promise<string> {
  const objects = await new Objm(nc).open('datagen_models');
  const texts: string[] = [];
  for (const info of await objects.list()) texts.push(new TextDecoder().decode((await objects.getBlob(info.name))!));
  return texts.join('\n');
}

test.before(async () => {
  nats = await startTestNats();
  nc = await connectNats(nats.url, 'test');
});
test.after.always(async () => {
  await nc?.close();
  await nats?.destroy();
});

test.serial('the object store holds the model without its secrets, and it reads back whole', async (t) => {
  const store = await NatsModelStore.open(nc);
  const model = modelWith('orders', 'pw-one-1');
  const hash = await store.save(model, () => ownedBy('ann'));
  const stored = await storedObjects();
  for (const secret of ['pw-one-1', 's3-pw-one-1', 'url-pw-one-1']) t.false(stored.includes(secret), `${secret} in the object store`);
  t.true(stored.includes('https://reg:********@registry:8081'), 'the URL is kept with its password replaced');
  // A fresh store (another process) reads it from NATS, secrets merged back.
  const other = await NatsModelStore.open(nc);
  t.deepEqual(await other.getContent(hash), model);
  t.deepEqual(await other.getByName('orders'), model);
});

test.serial('two models differing only in a secret get different hashes, each runs with its own', async (t) => {
  const store = await NatsModelStore.open(nc);
  const a = await store.putContent(modelWith('same', 'pw-aaa-1'));
  const b = await store.putContent(modelWith('same', 'pw-bbb-2'));
  t.not(a, b);
  t.is(await store.putContent(modelWith('same', 'pw-aaa-1')), a, 'the same model and secrets give the same hash');
  const reader = await NatsModelStore.open(nc);
  t.is((await reader.getContent(a))!.tableNames.KAFKA_KEYSTORE_PASSWORD, 'pw-aaa-1');
  t.is((await reader.getContent(b))!.tableNames.KAFKA_KEYSTORE_PASSWORD, 'pw-bbb-2');
  // The hash is not the plain sha256 of the model as given, so it cannot be checked against guessed passwords.
  t.not(a, createHash('sha256').update(JSON.stringify(modelWith('same', 'pw-aaa-1'))).digest('hex'));
});

test.serial('a model stored inline by an older version still reads whole, and its secrets are moved out', async (t) => {
  const legacy = modelWith('legacy', 'pw-legacy-9');
  const legacyHash = createHash('sha256').update(JSON.stringify(legacy)).digest('hex');
  const objects = await new Objm(nc).open('datagen_models');
  await objects.putBlob({ name: legacyHash }, new TextEncoder().encode(JSON.stringify(legacy)));
  // The move runs once per deployment: forget that it ran, as on a deployment upgraded from the older version.
  await (await new Kvm(nc).open('datagen_model_secrets')).delete('inline-secrets-moved');
  const store = await NatsModelStore.open(nc);
  t.false((await storedObjects()).includes('pw-legacy-9'), 'the inline secrets left the object store');
  t.deepEqual(await store.getContent(legacyHash), legacy, 'commands that reference the old hash run the same model');
});
