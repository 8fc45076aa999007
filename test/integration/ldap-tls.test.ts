/**
 * LdapSignIn over TLS against a real slapd with a certificate from a fresh test CA: ldaps:// and StartTLS sign in
 * with DATAGEN_LDAP_CA_FILE naming that CA; without it the certificate is not trusted and the answer is a 503
 * naming LDAP (no plain-text fallback); an unreadable CA file stops the start naming the setting.
 */
import test from 'ava';
import { pino } from 'pino';
import { loadConfig } from '../../src/config.js';
import { LdapSignIn } from '../../src/users/ldap-sign-in.js';
import { LDAP_PEOPLE, ldapUnavailableReason, startLdap, type LdapService } from '../helpers/services/ldap.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const server = await storeForTests<LdapService>(test, 'ldap', ldapUnavailableReason, () => startLdap({ tls: true }));
const log = pino({ level: 'silent' });

const signIn = (env: Record<string, string>) => new LdapSignIn(loadConfig({ ...server.service().env, DATAGEN_LDAP_CACHE_SECONDS: '0', ...env }).ldap!, log);

server.test('ldaps:// with the CA file signs in; without it the server\'s certificate is refused with a 503', async (t) => {
  const { ldapsUrl, caFile } = server.service();
  t.like(await signIn({ DATAGEN_LDAP_URL: ldapsUrl!, DATAGEN_LDAP_CA_FILE: caFile! }).verify('alice', LDAP_PEOPLE.alice!.password), { name: 'alice', role: 'user' });
  await t.throwsAsync(signIn({ DATAGEN_LDAP_URL: ldapsUrl! }).verify('alice', LDAP_PEOPLE.alice!.password), { message: /^sign-in needs the LDAP server ldaps:\/\/127\.0\.0\.1:\d+ \(DATAGEN_LDAP_URL\), which failed: (SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY); retry later$/ });
});

server.test('StartTLS on ldap:// with the CA file signs in, and a wrong password over it is still no one', async (t) => {
  const { caFile } = server.service();
  const ldap = signIn({ DATAGEN_LDAP_STARTTLS: 'true', DATAGEN_LDAP_CA_FILE: caFile! });
  t.like(await ldap.verify('adam', LDAP_PEOPLE.adam!.password), { name: 'adam', role: 'admin' });
  t.is(await ldap.verify('adam', 'wrong'), undefined);
  await t.throwsAsync(signIn({ DATAGEN_LDAP_STARTTLS: 'true' }).verify('adam', LDAP_PEOPLE.adam!.password), { message: /LDAP server ldap:\/\/.* which failed: (SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)/ });
});

server.test('a CA file that cannot be read is a configuration error naming DATAGEN_LDAP_CA_FILE', (t) => {
  t.throws(() => signIn({ DATAGEN_LDAP_CA_FILE: '/nonexistent/ca.pem' }), { message: /^configuration DATAGEN_LDAP_CA_FILE \/nonexistent\/ca\.pem cannot be read: ENOENT$/ });
});
