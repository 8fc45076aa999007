/** What every user store adapter does. */
import test from 'ava';
import { randomUUID } from 'node:crypto';
import type { UserStore } from '../../src/ports/user-store.js';

/** `open` gives a store on the same storage each time (another process of the deployment). */
export function userStoreContract(adapter: string, open: () => Promise<UserStore>): void {
  const title = (what: string) => `${adapter} user store: ${what}`;

  test(title('a user put reads back whole from another opening; names of any characters; put replaces; delete says whether one was there'), async (t) => {
    const name = `u-${randomUUID()}@example.org`;
    const odd = `über ${randomUUID()}/..`;
    const store = await open();
    await store.put({ name, groups: ['viewer', 'team-a'], passwordHash: 'scrypt$1$1$1$salt$key' });
    await store.put({ name: odd, groups: ['admin'], passwordHash: 'h2' });
    const other = await open();
    t.deepEqual(await other.get(name), { name, groups: ['viewer', 'team-a'], passwordHash: 'scrypt$1$1$1$salt$key' });
    t.deepEqual((await other.get(odd))?.groups, ['admin']);
    await other.put({ name, groups: ['admin'], passwordHash: 'h3' });
    t.deepEqual(await store.get(name), { name, groups: ['admin'], passwordHash: 'h3' });
    const listed = (await store.list()).map((u) => u.name);
    t.true(listed.includes(name) && listed.includes(odd));
    t.deepEqual(listed, [...listed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'sorted by name');
    t.true(await store.any());
    t.true(await store.delete(name));
    t.false(await other.delete(name));
    t.is(await other.get(name), undefined);
    t.false((await store.list()).some((u) => u.name === name));
    await store.delete(odd);
    t.is(await store.any(), (await store.list()).length > 0, 'any() agrees with list() once users are deleted');
  });

  test(title('a copy comes out: changing what was read changes nothing stored'), async (t) => {
    const name = `copy-${randomUUID()}`;
    const store = await open();
    await store.put({ name, groups: ['viewer'], passwordHash: 'h' });
    const read = (await store.get(name))!;
    read.groups.push('admin');
    t.deepEqual((await store.get(name))!.groups, ['viewer']);
  });
}
