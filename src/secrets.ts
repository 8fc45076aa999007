/**
 * The one rule that decides what is a secret, used everywhere a setting could be recorded or shown (events,
 * views, history, live events, logs, error texts, the model store's answers). A setting is secret when
 *  - a sink declares it as a credential (src/sinks/secret-keys.ts), or
 *  - its name says so: a word part such as PASSWORD, SECRET, TOKEN, KEY, SAS, KEYTAB, AUTH (KAFKA_SSL_KEY,
 *    ADLS_SAS_TOKEN), or a fragment such as PASSWORD, SECRET, CREDENTIAL, USER_INFO anywhere (DBPASSWORD,
 *    clientSecret), except the names listed in NOT_SECRET whose values are column or object names;
 * and whatever its name, a URL's user-info (http://user:password@host) is secret: the URL may be recorded with
 * the password replaced by ********, the full value only goes to a secret store.
 */
import { SINK_SECRET_KEYS } from './sinks/secret-keys.js';
import { REDACTED } from './secrets/redacted.js';
import { hasUrlUserInfo, redactUrlUserInfo, urlCredentials } from './secrets/url-user-info.js';

export { REDACTED } from './secrets/redacted.js';
export { hasUrlUserInfo, redactUrlUserInfo } from './secrets/url-user-info.js';

/** Word parts of a name (split on _ . - and spaces) that make it secret. */
const SECRET_WORDS = new Set([
  'PASSWORD', 'PASSWORDS', 'PASSWD', 'PWD', 'PASS', 'PASSPHRASE', 'SECRET', 'SECRETS', 'TOKEN', 'KEY', 'KEYS', 'SAS',
  'CREDENTIAL', 'CREDENTIALS', 'CREDS', 'KEYTAB', 'PRIVATE', 'JAAS', 'AUTH', 'AUTHORIZATION', 'COOKIE', 'SIGNATURE',
]);

/** Fragments that make a name secret wherever they appear in it (joined words: APIKEY, clientSecret, accessToken). */
const SECRET_FRAGMENTS = [
  'PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'CREDENTIAL', 'KEYTAB', 'JAAS', 'PRIVATE', 'USER_INFO', 'USERINFO',
  'APIKEY', 'ACCESSKEY', 'ACCESSTOKEN', 'AUTHTOKEN', 'CONNECTION_STRING', 'CONNECTIONSTRING',
];

/** Names with a secret word part whose values are column names, separators or object-name prefixes. */
const NOT_SECRET = new Set([
  'KAFKA_MSG_KEY', 'HBASE_PRIMARY_KEY', 'HBASE_PRIMARY_KEY_SEPARATOR', 'SOLR_PRIMARY_KEY',
  'KUDU_PRIMARY_KEYS', 'KUDU_HASH_KEYS', 'KUDU_RANGE_KEYS', 'POSTGRESQL_PRIMARY_KEYS', 'MYSQL_PRIMARY_KEYS', 'S3_KEY_NAME', 'OZONE_KEY_NAME',
]);

export function isSecretKey(key: string): boolean {
  const name = key.toUpperCase();
  if (SINK_SECRET_KEYS.has(name)) return true;
  if (NOT_SECRET.has(name)) return false;
  if (SECRET_FRAGMENTS.some((f) => name.includes(f))) return true;
  return name.split(/[^A-Z0-9]+/).some((part) => SECRET_WORDS.has(part));
}

/** A value that is secret under the key it is set with: a secret key's value, or one holding URL credentials. */
export function isSecretSetting(key: string, value: string): boolean {
  return isSecretKey(key) || hasUrlUserInfo(value);
}

/**
 * Splits settings into what may be recorded and what must stay secret. A secret key is left out of `plain`;
 * a URL with credentials is recorded with its password replaced (http://user:********@host) and kept whole in
 * `secret`, so merging `{ ...plain, ...secret }` gives back the original settings.
 */
export function splitSecrets(props: Record<string, string>): { plain: Record<string, string>; secret: Record<string, string> } {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) {
    if (isSecretKey(k)) secret[k] = v;
    else if (hasUrlUserInfo(v)) {
      secret[k] = v;
      plain[k] = redactUrlUserInfo(v);
    } else plain[k] = v;
  }
  return { plain, secret };
}

/**
 * Every secret value in settings maps (service properties, a command's secrets, a model's Table_Names and
 * Options): the values of secret keys and the credentials inside URLs, to scrub from error texts.
 */
export function secretValuesOf(...maps: Array<Record<string, unknown> | undefined>): string[] {
  const out = new Set<string>();
  for (const map of maps) {
    for (const [k, v] of Object.entries(map ?? {})) {
      if (typeof v !== 'string' || v === '' || v === REDACTED) continue;
      if (isSecretKey(k)) {
        out.add(v);
        // user:secret pairs (SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO): the secret half may appear alone.
        const colon = v.indexOf(':');
        if (colon > 0 && /USER_?INFO/i.test(k)) out.add(v.slice(colon + 1));
      }
      for (const c of urlCredentials(v)) out.add(c);
    }
  }
  return [...out];
}

/** Replaces every occurrence of the secret values in a text (for error messages from sinks and drivers). */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join(REDACTED);
  return out;
}

/** An error text made safe to record: URL credentials redacted, then every known secret value replaced. */
export function scrubSecrets(text: string, secrets: Iterable<string>): string {
  return scrub(redactUrlUserInfo(text), secrets);
}
