/**
 * LdapSignIn against a real slapd (test/helpers/services/ldap.ts): direct bind through a DN pattern and search as
 * a service account, the login escaped in both, groups mapped to roles, empty passwords never sent, and a refused
 * service account or a stopped server a 503 that names LDAP and no credential.
 */
import test from 'ava';
import { Client } from 'ldapts';
import { pino } from 'pino';
import { loadConfig, type LdapSettings } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { LdapSignIn } from '../../src/users/ldap-sign-in.js';
import { LDAP_BASE, LDAP_PEOPLE, LDAP_SERVICE_DN, LDAP_SERVICE_PASSWORD, ldapUnavailableReason, startLdap, type LdapService } from '../helpers/services/ldap.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const server = await storeForTests<LdapService>(test, 'ldap', ldapUnavailableReason, startLdap);
const log = pino({ level: 'silent' });
const pw = (uid: string) => LDAP_PEOPLE[uid]!.password;

function settings(env: Record<string, string>): LdapSettings {
  return loadConfig({ DATAGEN_LDAP_URL: server.service().url, DATAGEN_LDAP_GROUP_BASE: `ou=groups,${LDAP_BASE}`, DATAGEN_LDAP_ADMIN_GROUPS: 'datagen-admins', DATAGEN_LDAP_USER_GROUPS: 'datagen-users', DATAGEN_LDAP_CACHE_SECONDS: '0', ...env }).ldap!;
}
const direct = () => new LdapSignIn(settings({ DATAGEN_LDAP_USER_DN_PATTERN: `uid={0},ou=people,${LDAP_BASE}` }), log);
const searching = (password = LDAP_SERVICE_PASSWORD) => ({ DATAGEN_LDAP_USER_BASE: `ou=people,${LDAP_BASE}`, DATAGEN_LDAP_BIND_DN: LDAP_SERVICE_DN, DATAGEN_LDAP_BIND_PASSWORD: password });
const search = (password?: string) => new LdapSignIn(settings(searching(password)), log);

server.test('this slapd accepts a DN with an empty password (an unauthenticated bind): what the sign-in must never send', async (t) => {
  const client = new Client({ url: server.service().url });
  await t.notThrowsAsync(client.bind(`uid=alice,ou=people,${LDAP_BASE}`, ''));
  await client.unbind();
});

for (const [mode, make] of [['DN pattern', direct], ['search as the service account', () => search()]] as const) {
  server.test(`${mode}: the right password signs in with the mapped role and groups; a wrong or empty one, or an injected name, does not`, async (t) => {
    const ldap = make();
    t.deepEqual(await ldap.verify('alice', pw('alice')), { name: 'alice', role: 'user', groups: ['user', 'datagen-users', 'team-a'] });
    t.deepEqual(await ldap.verify('adam', pw('adam')), { name: 'adam', role: 'admin', groups: ['admin', 'datagen-admins'] });
    t.deepEqual(await ldap.verify('vera', pw('vera')), { name: 'vera', role: 'viewer', groups: ['viewer'] });
    t.like(await ldap.verify('o*brien(x)', pw('o*brien(x)')), { name: 'o*brien(x)', role: 'user' }, 'metacharacters match the name itself');
    t.is(await ldap.verify('alice', 'wrong'), undefined);
    t.is(await ldap.verify('alice', ''), undefined, 'an empty password is never bound with');
    t.is(await ldap.verify('', ''), undefined);
    for (const injected of ['*)(uid=*', '*', 'alice)(uid=*', 'o*', 'alice,ou=people', `alice,ou=people,${LDAP_BASE}`, 'uid=alice']) {
      t.is(await ldap.verify(injected, pw('alice')), undefined, `"${injected}" is nobody`);
    }
  });
}

server.test('viewer groups named: an account in no mapped group is refused', async (t) => {
  const ldap = new LdapSignIn(settings({ ...searching(), DATAGEN_LDAP_VIEWER_GROUPS: 'team-a' }), log);
  t.is(await ldap.verify('vera', pw('vera')), undefined, 'vera is in no group');
  t.like(await ldap.verify('alice', pw('alice')), { role: 'user' });
});

server.test('a directory refusing the search (no anonymous reads here) is a 503 naming LDAP and the refusal', async (t) => {
  const anonymous = new LdapSignIn(settings({ DATAGEN_LDAP_USER_BASE: `ou=people,${LDAP_BASE}` }), log);
  await t.throwsAsync(anonymous.verify('alice', pw('alice')), { message: /^sign-in needs the LDAP server .* which failed: InsufficientAccessError; retry later$/ });
});

server.test('a refused service account is a 503 naming the setting, not the password', async (t) => {
  const err = await t.throwsAsync(search('not-the-Service-pw').verify('alice', pw('alice')));
  t.true(err instanceof AppError && err.status === 503);
  t.regex(err!.message, /refused the service account DATAGEN_LDAP_BIND_DN/);
  t.false(err!.message.includes('not-the-Service-pw'));
  t.false(err!.message.includes(pw('alice')));
});

server.test('a remembered sign-in does not bind again; once the server is stopped, a new one is a 503 naming LDAP', async (t) => {
  const cached = new LdapSignIn({ ...settings(searching()), cacheSeconds: 3600 }, log);
  t.like(await cached.verify('alice', pw('alice')), { name: 'alice' });
  const uncached = direct();
  const { url } = server.service();
  await server.service().stop();
  t.like(await cached.verify('alice', pw('alice')), { name: 'alice' }, 'remembered');
  const err = await t.throwsAsync(cached.verify('adam', pw('adam')));
  t.true(err instanceof AppError && err.status === 503);
  t.is(err!.message, `sign-in needs the LDAP server ${url} (DATAGEN_LDAP_URL), which failed: ECONNREFUSED; retry later`);
  await t.throwsAsync(uncached.verify('alice', pw('alice')), { message: /LDAP server .* ECONNREFUSED/ });
});
