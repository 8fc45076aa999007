/** The credential use cases over the in-memory store: who may list, add, replace, remove and use what. */
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { extraProperties } from '../../../src/api/extra-properties.js';
import { applyCredentials, CREDENTIALS_SETTING } from '../../../src/credentials/apply.js';
import { CredentialVault } from '../../../src/credentials/vault.js';
import { InMemoryCredentialStore } from '../../../src/memory/memory-credential-store.js';
import { systemClock } from '../../../src/ports/clock.js';
import { randomIds } from '../../../src/ports/ids.js';
import { addCredentials, listCredentials, listCredentialsForUser, removeCredentials, usableCredentials } from '../../../src/use-cases/manage-credentials.js';
import type { Caller } from '../../../src/users/user-directory.js';
import type { ModelDefinition } from '../../../src/model/types.js';
import type { SinkSettings } from '../../../src/sinks/types.js';

const admin: Caller = { name: 'root', role: 'admin', groups: ['admin'] };
const alice: Caller = { name: 'alice', role: 'user', groups: ['user', 'team-a'] };
const bob: Caller = { name: 'bob', role: 'user', groups: ['user', 'team-b'] };
const carol: Caller = { name: 'carol', role: 'viewer', groups: ['viewer', 'team-a'] };

function deps(key: Buffer | null = randomBytes(32)) {
  return { vault: new CredentialVault(new InMemoryCredentialStore(), key ?? undefined), ids: randomIds, clock: systemClock };
}
const add = (d: ReturnType<typeof deps>, caller: Caller, extra: Partial<Parameters<typeof addCredentials>[2]> = {}) =>
  addCredentials(d, caller, { name: 'pg', type: 'password', account: 'app', content: Buffer.from('pg-secret-1'), users: [], groups: [], ...extra });

test('added: listed with its owner and grants, never its secret; the stored record holds no plaintext', async (t) => {
  const d = deps();
  const listed = await add(d, alice, { groups: ['team-a'] });
  t.like(listed, { name: 'pg', type: 'PASSWORD', accountAssociated: 'app', encrypted: true, owner: 'alice', usersAuthorized: [], groupsAuthorized: ['team-a'] });
  t.false(JSON.stringify(listed).includes('pg-secret-1'));
  const stored = JSON.stringify(await d.vault.store.get('pg'));
  t.false(stored.includes('pg-secret-1') || stored.includes(Buffer.from('pg-secret-1').toString('base64')));
  t.deepEqual((await listCredentials(d, alice)).map((c) => c.name), ['pg']);
  t.deepEqual((await listCredentials(d, carol)).map((c) => c.name), ['pg'], 'a granted group sees it');
  t.deepEqual(await listCredentials(d, bob), [], 'another user does not');
  t.deepEqual((await listCredentials(d, admin)).map((c) => c.name), ['pg'], 'an admin sees all');
  t.deepEqual((await listCredentialsForUser(d, admin, 'alice')).map((c) => c.name), ['pg']);
  t.deepEqual(await listCredentialsForUser(d, admin, 'bob'), []);
  t.deepEqual(await listCredentialsForUser(d, bob, 'alice'), [], 'only among those the caller may use');
});

test('a taken name is a 409 unless replace=true by someone who administers it; only an admin names another owner', async (t) => {
  const d = deps();
  await add(d, alice);
  await t.throwsAsync(add(d, alice), { message: /exists: pass replace=true/ });
  await t.throwsAsync(add(d, bob, { replace: true }), { message: /may not replace credential pg/ });
  const replaced = await add(d, admin, { replace: true, content: Buffer.from('pg-secret-2') });
  t.is(replaced.owner, 'alice', 'the owner stays');
  await t.throwsAsync(add(d, bob, { name: 'x', owner: 'alice' }), { message: /only as their own/ });
  t.is((await add(d, admin, { name: 'y', owner: 'alice' })).owner, 'alice');
  await t.throwsAsync(add(d, admin, { name: 'z', owner: 'not a name' }), { message: /parameter owner: "not a name" is not a user name/ });
  const regrant = await add(d, alice, { name: 'y', replace: true, users: ['bob'] });
  t.deepEqual([regrant.owner, regrant.usersAuthorized], ['alice', ['bob']], 'new grants replace the old; the owner stays');
  t.deepEqual((await add(d, admin, { name: 'y', replace: true })).usersAuthorized, ['bob'], 'no grants given: kept');
});

test('bad input: a 400 naming the parameter', async (t) => {
  const d = deps();
  await t.throwsAsync(add(d, alice, { name: '../x' }), { message: /parameter name/ });
  await t.throwsAsync(add(d, alice, { type: 'SSH_KEY' }), { message: /parameter type must be one of KEYTAB/ });
  await t.throwsAsync(add(d, alice, { account: '' }), { message: /parameter account is required for a PASSWORD/ });
  await t.throwsAsync(add(d, alice, { content: undefined }), { message: /parameter content is required.*never a path/ });
  await t.throwsAsync(add(d, alice, { content: Buffer.from('two\nlines') }), { message: /one line/ });
  await t.throwsAsync(add(d, alice, { password: 'p' }), { message: /parameter password is for KEYSTORE/ });
  await t.throwsAsync(add(d, alice, { users: ['ok', 'b a d'] }), { message: /parameter users: "b a d"/ });
});

test('no key configured: adding is refused with a 503 naming the settings, nothing stored', async (t) => {
  const d = deps(null);
  const err = await t.throwsAsync(add(d, admin), { message: /set DATAGEN_CREDENTIALS_KEY or DATAGEN_CREDENTIALS_KEY_FILE/ });
  t.is((err as unknown as { status: number }).status, 503);
  t.deepEqual(await d.vault.store.list(), []);
});

test('remove: the owner or an admin; a user who may only use it gets a 403; one they cannot see is false', async (t) => {
  const d = deps();
  await add(d, alice, { users: ['bob'] });
  await t.throwsAsync(removeCredentials(d, bob, 'pg'), { message: /may use credential pg but not remove it/ });
  t.false(await removeCredentials(d, carol, 'pg'));
  t.true(await removeCredentials(d, alice, 'pg'));
  t.false(await removeCredentials(d, admin, 'pg'));
});

test('a command may name only credentials the caller may use; unknown ones are a 400 naming them', async (t) => {
  const d = deps();
  await add(d, alice, { users: ['bob'] });
  t.deepEqual(await usableCredentials(d.vault, bob, ['pg', 'pg']), ['pg']);
  await t.throwsAsync(usableCredentials(d.vault, carol, ['pg']), { message: /no credential named pg that user carol may use/ });
  await t.throwsAsync(usableCredentials(d.vault, alice, ['pg,nope']), { message: /no credential named nope/ });
});

const model = { name: 'm', fields: [], tableNames: { POSTGRESQL_PASSWORD: 'from-model', LOCAL_FILE_PATH: '/x' }, options: {} } as unknown as ModelDefinition;
const settings = (names: string[]): SinkSettings => ({ dataDir: '/d', outputRoots: ['/d'], properties: { [CREDENTIALS_SETTING]: JSON.stringify(names), OTHER: '1' }, endpoints: { allow: [], files: [] } });

test('applied: keys over the model and the properties; files 0600 in a private 0700 directory that release removes; planned ones are never written', async (t) => {
  const d = deps();
  await add(d, alice);
  await addCredentials(d, alice, { name: 'kt', type: 'KEYTAB', account: 'svc', content: Buffer.from([1, 2, 3]), users: [], groups: [] });
  const applied = await applyCredentials(d.vault, model, settings(['pg', 'kt']), { materialise: true });
  t.is(applied.model.tableNames.POSTGRESQL_PASSWORD, 'pg-secret-1', 'the credential wins over the model, as the original injected it');
  t.is(applied.settings.properties.POSTGRESQL_USER, 'app');
  t.false(CREDENTIALS_SETTING in applied.settings.properties);
  t.is(applied.settings.properties.OTHER, '1');
  const keytab = applied.settings.properties.HDFS_KEYTAB!;
  t.deepEqual(readFileSync(keytab), Buffer.from([1, 2, 3]));
  t.is(statSync(keytab).mode & 0o777, 0o600);
  t.is(statSync(path.dirname(keytab)).mode & 0o777, 0o700);
  t.deepEqual(applied.settings.endpoints?.files, [keytab], 'the sink may read the file it was given');
  await applied.release();
  t.false(existsSync(path.dirname(keytab)));
  const planned = await applyCredentials(d.vault, model, settings(['kt']), { materialise: false });
  t.false(existsSync(planned.settings.properties.HDFS_KEYTAB!));
  await t.throwsAsync(applyCredentials(d.vault, model, settings(['gone']), { materialise: true }), { message: /credential gone no longer exists/ });
  t.is(await applyCredentials(d.vault, model, { ...settings([]), properties: {} }, { materialise: true }).then((a) => a.model), model, 'no credentials: unchanged');
});

test('a request cannot name credentials past the check: extraProperties refuses the internal setting that carries them', (t) => {
  t.throws(() => extraProperties({ extraProperties: JSON.stringify({ [CREDENTIALS_SETTING]: '["pg"]' }) }), { message: /extraProperties key "DATAGEN_CREDENTIALS"/ });
  t.throws(() => extraProperties({ [`extraProperties.${CREDENTIALS_SETTING}`]: '["pg"]' }), { message: /DATAGEN_CREDENTIALS/ });
});
