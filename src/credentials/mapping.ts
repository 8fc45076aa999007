/**
 * How a credential maps onto a command's settings, as the original's CredentialsService.enrichModelWithCredentials
 * (spec §6.6) did, with this service's sinks added: the keys it sets, and the files (keytabs, stores, key files)
 * to write before a sink reads them. Pure: `dir` is where the files will be.
 *
 * Differences from the original: TRUSTSTORE sets the truststore locations (the original set
 * KAFKA_KEYSTORE_LOCATION) and the PostgreSQL and MySQL sinks' CA file; the store types' password is a secret of the credential, not its account; PASSWORD
 * (unmapped in the original) sets the user and password of the sinks that sign in with them; S3_ACCESS_KEY also
 * sets Ozone's S3 gateway keys.
 */
import path from 'node:path';
import type { CredentialType } from '../ports/credential-store.js';
import type { CredentialSecret } from './cipher.js';

export interface CredentialUse extends CredentialSecret {
  name: string;
  type: CredentialType;
  account: string;
}

export interface MappedCredential {
  settings: Record<string, string>;
  files: Array<{ path: string; content: Buffer }>;
}

const KERBEROS_SINKS = ['HDFS', 'OZONE', 'HIVE', 'HBASE', 'KAFKA', 'KUDU', 'SOLR'];
/** Sinks signing in with a user name and password, and their keys. */
const PASSWORD_KEYS: ReadonlyArray<[user: string, password: string]> = [
  ['POSTGRESQL_USER', 'POSTGRESQL_PASSWORD'], ['MYSQL_USER', 'MYSQL_PASSWORD'], ['HIVE_USER', 'HIVE_PASSWORD'],
  ['SOLR_USER', 'SOLR_PASSWORD'], ['KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD'],
];
/** The file a type writes, by extension (the GCS client wants a .json key file). */
const FILE_EXTENSION: Partial<Record<CredentialType, string>> = { KEYTAB: '.keytab', KEYSTORE: '.keystore', TRUSTSTORE: '.truststore', GCP_KEY_FILE: '.json' };

/** The text types' value: the content as text, without the newline a file saved by an editor or echo ends with. */
export const textOf = (content: Buffer): string => content.toString('utf8').replace(/\r?\n$/, '');

/** Whether the type is a file written for the sink (else its content is a value set on keys). */
export const isFileType = (type: CredentialType): boolean => FILE_EXTENSION[type] !== undefined;

export function credentialFile(dir: string, c: Pick<CredentialUse, 'name' | 'type'>): string {
  return path.join(dir, `${c.name}${FILE_EXTENSION[c.type] ?? ''}`);
}

function settingsOf(c: CredentialUse, file: string): Record<string, string> {
  const s: Record<string, string> = {};
  const set = (key: string, value: string | undefined) => {
    if (value !== undefined && value !== '') s[key] = value;
  };
  switch (c.type) {
    case 'KEYTAB':
      for (const p of KERBEROS_SINKS) {
        set(`${p}_USE_KERBEROS`, 'true');
        set(`${p}_USER`, c.account);
        set(`${p}_KEYTAB`, file);
      }
      break;
    case 'KEYSTORE':
      for (const p of ['KAFKA', 'SOLR']) {
        set(`${p}_KEYSTORE_LOCATION`, file);
        set(`${p}_KEYSTORE_PASSWORD`, c.password);
      }
      set('KAFKA_KEYSTORE_KEY_PASSWORD', c.password);
      break;
    case 'TRUSTSTORE':
      for (const p of ['KAFKA', 'SOLR']) {
        set(`${p}_TRUSTSTORE_LOCATION`, file);
        set(`${p}_TRUSTSTORE_PASSWORD`, c.password);
      }
      // The SQL sinks' CA file (PEM or PKCS12): verify-full checks the server against it.
      for (const p of ['POSTGRESQL', 'MYSQL']) {
        set(`${p}_SSL_CA_FILE`, file);
        set(`${p}_SSL_CA_PASSWORD`, c.password);
      }
      break;
    case 'ADLS_SAS_TOKEN':
      set('ADLS_ACCOUNT_NAME', c.account);
      set('ADLS_SAS_TOKEN', textOf(c.content));
      break;
    case 'S3_ACCESS_KEY':
      for (const p of ['S3', 'OZONE_S3']) {
        set(`${p}_ACCESS_KEY_ID`, c.account);
        set(`${p}_ACCESS_KEY_SECRET`, textOf(c.content));
      }
      break;
    case 'GCP_KEY_FILE':
      set('GCS_PROJECT_ID', c.account);
      set('GCS_ACCOUNT_KEY_PATH', file);
      break;
    case 'GCP_ACCESS_TOKEN':
      set('GCS_PROJECT_ID', c.account);
      set('GCS_ACCOUNT_ACCESS_TOKEN', textOf(c.content));
      break;
    case 'PASSWORD':
      for (const [user, password] of PASSWORD_KEYS) {
        set(user, c.account);
        set(password, textOf(c.content));
      }
      break;
  }
  return s;
}

/** The keys `c` sets and the file it needs under `dir` (none for the value types). */
export function mapCredential(c: CredentialUse, dir: string): MappedCredential {
  const file = credentialFile(dir, c);
  return { settings: settingsOf(c, file), files: isFileType(c.type) ? [{ path: file, content: c.content }] : [] };
}
