/** What every credential store adapter does. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { CredentialStore, StoredCredential } from '../../src/ports/credential-store.js';

const credential = (name: string, extra: Partial<StoredCredential> = {}): StoredCredential => ({
  name,
  id: randomUUID(),
  type: 'S3_ACCESS_KEY',
  account: 'AKIAEXAMPLE',
  access: { owner: 'alice', users: ['bob'], groups: ['team-a'], adminUsers: [], adminGroups: [] },
  createdAt: '2026-12-01T00:00:00.000Z',
  sealed: { keyId: '0123456789abcdef', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' },
  ...extra,
});

/** `open` gives a store on the same storage each time (another process of the deployment). */
export function credentialStoreContract(adapter: string, open: () => Promise<CredentialStore>): void {
  const title = (what: string) => `${adapter} credential store: ${what}`;

  test(title('a credential put reads back whole from another opening; put replaces; list is sorted; delete says whether one was there'), async (t) => {
    const name = `c-${randomUUID()}`;
    const other = `b.${randomUUID()}`;
    const store = await open();
    const first = credential(name);
    await store.put(first);
    await store.put(credential(other, { type: 'KEYTAB' }));
    const second = await open();
    t.deepEqual(await second.get(name), first);
    const replaced = credential(name, { type: 'PASSWORD', account: 'app' });
    await second.put(replaced);
    t.deepEqual(await store.get(name), replaced);
    const listed = (await store.list()).map((c) => c.name);
    t.true(listed.includes(name) && listed.includes(other));
    t.deepEqual(listed, [...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by name');
    t.true(await store.delete(name));
    t.false(await second.delete(name));
    t.is(await second.get(name), undefined);
    t.false((await store.list()).some((c) => c.name === name));
    await store.delete(other);
  });

  test(title('a copy comes out: changing what was read changes nothing stored'), async (t) => {
    const name = `copy-${randomUUID()}`;
    const store = await open();
    await store.put(credential(name));
    const read = (await store.get(name))!;
    read.access.users.push('mallory');
    read.sealed.data = 'changed';
    t.deepEqual((await store.get(name))!.access.users, ['bob']);
    t.is((await store.get(name))!.sealed.data, 'ZGF0YQ==');
    await store.delete(name);
  });
}
