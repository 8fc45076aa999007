/** DATAGEN_LDAP_* read by loadConfig: defaults, and a configuration error naming the setting for each mistake. */
import test from 'ava';
import { loadConfig } from '../../../src/config.js';

const base = { DATAGEN_LDAP_URL: 'ldap://ldap.example:389', DATAGEN_LDAP_USER_BASE: 'ou=people,dc=example' };

test('no DATAGEN_LDAP_URL: no LDAP; with one: the original\'s default filters and a 60 s cache', (t) => {
  t.is(loadConfig({}).ldap, undefined);
  t.like(loadConfig(base).ldap, { url: 'ldap://ldap.example:389', userFilter: '(uid={0})', userAttribute: 'uid', groupFilter: '(member={0})', groupAttribute: 'cn', cacheSeconds: 60, timeoutSeconds: 5, startTls: false });
  t.deepEqual(loadConfig({ ...base, DATAGEN_LDAP_ADMIN_GROUPS: 'ops, dba', DATAGEN_LDAP_CACHE_SECONDS: '0' }).ldap?.roles, { admin: ['ops', 'dba'], user: [], viewer: [] });
  t.is(loadConfig({ ...base, DATAGEN_LDAP_CACHE_SECONDS: '0' }).ldap?.cacheSeconds, 0);
});

test('a URL with credentials, a path or another scheme, a missing or doubled way to find users, a bind DN without password: errors naming the setting', (t) => {
  const bad: Array<[Record<string, string>, RegExp]> = [
    [{ ...base, DATAGEN_LDAP_URL: 'ldap://cn=x:pw@ldap.example' }, /DATAGEN_LDAP_URL must be ldap:\/\/host/],
    [{ ...base, DATAGEN_LDAP_URL: 'http://ldap.example' }, /DATAGEN_LDAP_URL must be/],
    [{ ...base, DATAGEN_LDAP_URL: 'ldap://ldap.example/dc=example' }, /DATAGEN_LDAP_URL must be/],
    [{ DATAGEN_LDAP_URL: 'ldap://ldap.example' }, /exactly one of DATAGEN_LDAP_USER_DN_PATTERN .* and DATAGEN_LDAP_USER_BASE/],
    [{ ...base, DATAGEN_LDAP_USER_DN_PATTERN: 'uid={0},dc=example' }, /exactly one of/],
    [{ DATAGEN_LDAP_URL: 'ldap://ldap.example', DATAGEN_LDAP_USER_DN_PATTERN: 'uid=alice,dc=example' }, /DATAGEN_LDAP_USER_DN_PATTERN must contain \{0\}/],
    [{ ...base, DATAGEN_LDAP_USER_FILTER: '(uid=*)' }, /DATAGEN_LDAP_USER_FILTER must contain \{0\}/],
    [{ ...base, DATAGEN_LDAP_BIND_DN: 'cn=svc,dc=example' }, /DATAGEN_LDAP_BIND_DN needs DATAGEN_LDAP_BIND_PASSWORD/],
    [{ ...base, DATAGEN_LDAP_URL: 'ldaps://ldap.example', DATAGEN_LDAP_STARTTLS: 'true' }, /DATAGEN_LDAP_STARTTLS is for ldap:\/\//],
    [{ ...base, DATAGEN_LDAP_CACHE_SECONDS: '-1' }, /DATAGEN_LDAP_CACHE_SECONDS=-1 must be a positive integer/],
  ];
  for (const [env, message] of bad) t.throws(() => loadConfig(env), { message }, JSON.stringify(env));
});
