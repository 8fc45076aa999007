/** What every model store, secret store and lease bucket adapter does. */
import test from 'ava';
import { createHash, randomUUID } from 'node:crypto';
import { parseModelText } from '../../src/model/parse.js';
import type { ModelDefinition } from '../../src/model/types.js';
import type { LeaseBucket } from '../../src/ports/lease-bucket.js';
import type { ModelStore } from '../../src/ports/model-store.js';
import { ownedBy, withGrant } from '../../src/users/access.js';
import type { SecretStore } from '../../src/ports/secret-store.js';

const modelWith = (name: string, password: string): ModelDefinition => parseModelText(JSON.stringify({
  model_name: name,
  Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }],
  Table_Names: { KAFKA_TOPIC: 'orders', KAFKA_KEYSTORE_PASSWORD: password },
}), 'test');

/** `open` gives a store on the same storage each time (another process of the deployment). */
export function modelStoreContract(adapter: string, open: () => Promise<ModelStore>): void {
  const title = (what: string) => `${adapter} model store: ${what}`;

  test(title('a saved model reads back whole, by hash and by name, from another opening of the store'), async (t) => {
    const name = `orders-${randomUUID()}`;
    const model = modelWith(name, 'pw-one-1');
    const hash = await (await open()).save(model, () => ownedBy('ann'));
    const other = await open();
    t.deepEqual(await other.getContent(hash), model);
    t.deepEqual(await other.getByName(name), model);
    t.true((await other.list()).includes(name));
  });

  test(title('the hash depends on the secrets, is stable, and is not the plain sha256 of the model'), async (t) => {
    const store = await open();
    const name = `same-${randomUUID()}`;
    const a = await store.putContent(modelWith(name, 'pw-aaa-1'));
    const b = await store.putContent(modelWith(name, 'pw-bbb-2'));
    t.not(a, b);
    t.regex(a, /^[0-9a-f]{64}$/);
    t.is(await store.putContent(modelWith(name, 'pw-aaa-1')), a);
    t.is((await store.getContent(b))!.tableNames.KAFKA_KEYSTORE_PASSWORD, 'pw-bbb-2');
    t.not(a, createHash('sha256').update(JSON.stringify(modelWith(name, 'pw-aaa-1'))).digest('hex'));
  });

  test(title('names list sorted, a deleted name is gone, its content stays by hash'), async (t) => {
    const store = await open();
    const prefix = randomUUID();
    const hash = await store.save(modelWith(`${prefix}-b`, 'x'), () => ownedBy('ann'));
    await store.save(modelWith(`${prefix}-a`, 'y'), () => ownedBy('ann'));
    t.deepEqual((await store.list()).filter((n) => n.startsWith(prefix)), [`${prefix}-a`, `${prefix}-b`]);
    t.true(await store.delete(`${prefix}-b`));
    t.false(await store.delete(`${prefix}-b`));
    t.is(await store.getByName(`${prefix}-b`), undefined);
    t.deepEqual((await store.list()).filter((n) => n.startsWith(prefix)), [`${prefix}-a`]);
    t.is((await store.getContent(hash))?.name, `${prefix}-b`);
    t.is(await store.getContent('0'.repeat(64)), undefined);
  });

  test(title('a save decides the access list from the stored one; another opening reads it; a refused save changes nothing'), async (t) => {
    const name = `owned-${randomUUID()}`;
    const seen: unknown[] = [];
    await (await open()).save(modelWith(name, 'pw-1'), (current) => (seen.push(current), ownedBy('ann')));
    const other = await open();
    t.deepEqual(await other.accessOf(name), ownedBy('ann'));
    const granted = { ...ownedBy('ann'), users: ['bob'] };
    await other.save(modelWith(name, 'pw-2'), (current) => (seen.push(current), granted));
    t.deepEqual(seen, [undefined, ownedBy('ann')], 'the decision saw no model, then the first list');
    await t.throwsAsync(() => other.save(modelWith(name, 'pw-3'), () => { throw new Error('refused'); }), { message: 'refused' });
    const again = await open();
    t.deepEqual(await again.accessOf(name), granted);
    t.is((await again.getByName(name))!.tableNames.KAFKA_KEYSTORE_PASSWORD, 'pw-2', 'the refused model was not stored');
    t.is(await again.accessOf(`none-${randomUUID()}`), undefined);
  });

  test(title('changeAccess replaces the list from the current one; unknown names are not changed; a deleted name has none'), async (t) => {
    const store = await open();
    const name = `grants-${randomUUID()}`;
    await store.save(modelWith(name, 'pw-1'), () => ownedBy('ann'));
    const changed = await store.changeAccess(name, (current) => ({ ...current!, adminGroups: ['team'] }));
    t.deepEqual(changed, { ...ownedBy('ann'), adminGroups: ['team'] });
    t.deepEqual(await (await open()).accessOf(name), changed);
    await t.throwsAsync(() => store.changeAccess(name, () => { throw new Error('refused'); }));
    t.deepEqual(await store.accessOf(name), changed, 'a refused change keeps the list');
    let called = false;
    t.is(await store.changeAccess(`none-${randomUUID()}`, (c) => ((called = true), c!)), undefined);
    t.false(called);
    t.true(await store.delete(name));
    t.is(await store.accessOf(name), undefined);
    const seen: unknown[] = [];
    await store.save(modelWith(name, 'pw-1'), (current) => (seen.push(current), ownedBy('cy')));
    t.deepEqual(seen, [undefined], 'saved again after its deletion: a new name');
    t.deepEqual(await store.accessOf(name), ownedBy('cy'));
  });

  test(title('concurrent grants from two openings are both kept'), async (t) => {
    const name = `race-${randomUUID()}`;
    const [a, b] = [await open(), await open()];
    await a.save(modelWith(name, 'pw-1'), () => ownedBy('ann'));
    const grant = (store: ModelStore, user: string) => store.changeAccess(name, (current) => withGrant(current!, 'users', [user], 'add'));
    await Promise.all([grant(a, 'bob'), grant(b, 'cy'), grant(a, 'dee'), grant(b, 'eve')]);
    t.deepEqual((await (await open()).accessOf(name))!.users, ['bob', 'cy', 'dee', 'eve']);
  });

  test(title('two first saves of one name from two openings: one owns it, the other decides again on it and is refused'), async (t) => {
    const name = `first-${randomUUID()}`;
    const [a, b] = [await open(), await open()];
    // Each may only create the name: a stored model of someone else refuses the save, as an upload's 409 does.
    const onlyNew = (owner: string) => (current: unknown) => {
      if (current !== undefined) throw new Error(`${owner}: taken`);
      return ownedBy(owner);
    };
    const results = await Promise.allSettled([a.save(modelWith(name, 'pw-a'), onlyNew('ann')), b.save(modelWith(name, 'pw-b'), onlyNew('bob'))]);
    t.deepEqual(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
    const winner = results[0]!.status === 'fulfilled' ? 'ann' : 'bob';
    t.is((await (await open()).accessOf(name))!.owner, winner);
    t.is((await (await open()).getByName(name))!.tableNames.KAFKA_KEYSTORE_PASSWORD, winner === 'ann' ? 'pw-a' : 'pw-b');
  });
}

export function secretStoreContract(adapter: string, open: () => Promise<SecretStore>): void {
  const title = (what: string) => `${adapter} secret store: ${what}`;

  test(title('a command\'s secrets read back from another opening; none reads as {}'), async (t) => {
    const uuid = randomUUID();
    await (await open()).put(uuid, { KAFKA_SASL_PASSWORD: 'hunter-22' });
    await (await open()).put(`${uuid}-empty`, {});
    const other = await open();
    t.deepEqual(await other.get(uuid), { KAFKA_SASL_PASSWORD: 'hunter-22' });
    t.deepEqual(await other.get(`${uuid}-empty`), {});
    t.deepEqual(await other.get(randomUUID()), {});
  });
}

/** `ttlMs`: the life of an entry the bucket was made with. */
export function leaseBucketContract(adapter: string, open: () => Promise<LeaseBucket>, ttlMs: number): void {
  const title = (what: string) => `${adapter} lease bucket: ${what}`;

  test(title('a key is created once, updated and deleted only at its revision'), async (t) => {
    const bucket = await open();
    const key = `k-${randomUUID()}`;
    const first = await bucket.create(key, 'a');
    t.true(first > 0);
    await t.throwsAsync(() => bucket.create(key, 'b'));
    const second = await bucket.update(key, 'a', first);
    t.true(second > first);
    await t.throwsAsync(() => bucket.update(key, 'a', first));
    await t.throwsAsync(() => bucket.delete(key, first));
    await bucket.delete(key, second);
    t.true((await bucket.create(key, 'b')) > second);
  });

  test(title('an entry not written again within its life expires, and another holder creates it'), async (t) => {
    const bucket = await open();
    const key = `k-${randomUUID()}`;
    const revision = await bucket.create(key, 'a');
    const created = await retryUntil(() => bucket.create(key, 'b'), ttlMs * 10);
    t.true(created > revision);
    await t.throwsAsync(() => bucket.update(key, 'a', revision));
  });
}

/** Tries `attempt` every 50 ms until it succeeds (the expiry is the server's, nobody announces it). */
async function retryUntil<T>(attempt: () => Promise<T>, failAfterMs: number): Promise<T> {
  const deadline = Date.now() + failAfterMs;
  for (;;) {
    try {
      return await attempt();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
