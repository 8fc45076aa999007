/**
 * The order of sign-in: configured users, stored users, then the external directory, which is never asked about an
 * internal name, and whose account may not take an internal or reserved name. With a directory, sign-in is required.
 */
import test from 'ava';
import { InMemoryUserStore } from '../../../src/memory/memory-user-store.js';
import { hashPassword } from '../../../src/users/password-hash.js';
import { UserDirectory, type Caller, type ExternalSignIn } from '../../../src/users/user-directory.js';

/** A directory that knows every name with the password "ext-pw", spelling it as `spell` says. */
function directory(spell: (name: string) => string = (n) => n): ExternalSignIn & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    verify: async (name, password): Promise<Caller | undefined> => {
      asked.push(name);
      return password === 'ext-pw' ? { name: spell(name), role: 'user', groups: ['user'] } : undefined;
    },
  };
}

async function users(external: ExternalSignIn): Promise<UserDirectory> {
  const store = new InMemoryUserStore();
  await store.put({ name: 'cat', groups: ['viewer'], passwordHash: await hashPassword('cat-pw', { N: 2 ** 10, r: 8, p: 1 }) });
  return new UserDirectory([{ name: 'root', password: 'root-pw', role: 'admin' }], store, { external });
}

test('internal names are decided internally alone: the directory is not asked about them', async (t) => {
  const ext = directory();
  const dir = await users(ext);
  t.like(await dir.verify('root', 'root-pw'), { name: 'root', role: 'admin' });
  t.is(await dir.verify('root', 'ext-pw'), undefined);
  t.like(await dir.verify('cat', 'cat-pw'), { name: 'cat', role: 'viewer' });
  t.is(await dir.verify('cat', 'ext-pw'), undefined);
  t.deepEqual(ext.asked, []);
  t.deepEqual(await dir.verify('dan', 'ext-pw'), { name: 'dan', role: 'user', groups: ['user'] });
  t.deepEqual(ext.asked, ['dan']);
});

test('a directory account spelled as an internal or reserved name does not sign in', async (t) => {
  const dir = await users(directory((n) => n.toLowerCase()));
  t.is(await dir.verify('ROOT', 'ext-pw'), undefined, 'the seed root');
  t.is(await dir.verify('Cat', 'ext-pw'), undefined, 'the stored cat');
  t.is(await dir.verify('Anonymous', 'ext-pw'), undefined, 'the open service\'s caller');
  t.like(await dir.verify('Dan', 'ext-pw'), { name: 'dan' });
});

test('with a directory and no internal user, sign-in is required', async (t) => {
  t.true(await new UserDirectory([], new InMemoryUserStore(), { external: directory() }).signInRequired());
  t.false(await new UserDirectory([], new InMemoryUserStore()).signInRequired());
});
