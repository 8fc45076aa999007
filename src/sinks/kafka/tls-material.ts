/**
 * The Kafka sink's TLS options for node:tls, read from the truststore and keystore files its settings name
 * (security-settings.ts): PKCS12 (what keytool makes by default since Java 9) or PEM. A PKCS12 truststore holds
 * certificates only, which node:tls cannot take as `pfx` (it wants a key), so its certificates are taken out with
 * node-forge; a PKCS12 keystore goes to node:tls as it is. A JKS or JCEKS store is refused with the keytool
 * command that converts it. Every problem is a 400 naming the key, never a password. At submission a store file
 * may not exist yet (a stored credential's file is written only where a sink step runs): `checkKafkaStores` checks
 * the stores that exist, and the step that connects reads them all.
 */
import { readFileSync } from 'node:fs';
import { createSecureContext, type ConnectionOptions } from 'node:tls';
import forge from 'node-forge';
import { BadRequestError } from '../../errors.js';
import type { KafkaSecuritySettings, StoreFile } from './security-settings.js';

type StoreFormat = 'pkcs12' | 'pem' | 'jks' | 'jceks' | 'unknown';

/** The format by its first bytes: JKS 0xFEEDFEED, JCEKS 0xCECECECE, PEM text, PKCS12 a DER SEQUENCE. */
export function storeFormat(bytes: Buffer): StoreFormat {
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xfeedfeed) return 'jks';
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0xcececece) return 'jceks';
  if (/^\s*-----BEGIN /.test(bytes.subarray(0, 200).toString('latin1'))) return 'pem';
  if (bytes[0] === 0x30) return 'pkcs12';
  return 'unknown';
}

function refused(store: StoreFile, why: string): BadRequestError {
  return new BadRequestError(`${store.key} ${why}`, { field: store.key });
}

/** Thrown for a store file that does not exist. */
export class MissingStore extends BadRequestError {}

function read(store: StoreFile): Buffer {
  try {
    return readFileSync(store.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new (code === 'ENOENT' ? MissingStore : BadRequestError)(`${store.key} names a file that cannot be read (${code})`, { field: store.key });
  }
}

function convertHint(store: StoreFile, type: string): string {
  const target = store.path.replace(/\.(jks|jceks|keystore|truststore)$/i, '') + '.p12';
  return `is a ${type} keystore, which this service cannot read; convert it to PKCS12 with: keytool -importkeystore -srckeystore ${store.path} -srcstoretype ${type} -destkeystore ${target} -deststoretype PKCS12 (keytool asks for the passwords), then name the .p12 file`;
}

/** The store's bytes and format, refusing what cannot be used. */
function readStore(store: StoreFile): { bytes: Buffer; format: 'pkcs12' | 'pem' } {
  const bytes = read(store);
  const format = storeFormat(bytes);
  if (format === 'jks') throw refused(store, convertHint(store, 'JKS'));
  if (format === 'jceks') throw refused(store, convertHint(store, 'JCEKS'));
  if (format === 'unknown') throw refused(store, 'is neither a PKCS12 store nor PEM');
  return { bytes, format };
}

/** Every certificate of a PKCS12 truststore, as PEM. */
function pkcs12Certificates(store: StoreFile, bytes: Buffer): string[] {
  let p12: forge.pkcs12.Pkcs12Pfx;
  try {
    p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(bytes.toString('binary'))), store.password ?? '');
  } catch (err) {
    const why = /MAC could not be verified|Invalid password/i.test((err as Error).message) ? 'the password is wrong' : 'it is not a readable PKCS12 store';
    throw refused(store, `cannot be opened with ${store.key.replace('_LOCATION', '_PASSWORD')}: ${why}`);
  }
  const bags = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!] ?? [];
  const pems = bags.flatMap((b) => (b.cert ? [forge.pki.certificateToPem(b.cert)] : []));
  if (pems.length === 0) throw refused(store, 'holds no certificate');
  return pems;
}

/** The CAs of a truststore file (PEM, or PKCS12 opened with its password), as PEM; the SQL sinks' CA file too. */
export function truststorePems(store: StoreFile): string[] {
  const { bytes, format } = readStore(store);
  return format === 'pem' ? [bytes.toString('utf8')] : pkcs12Certificates(store, bytes);
}

function truststoreOptions(store: StoreFile): ConnectionOptions {
  return { ca: truststorePems(store) };
}

function keystoreOptions(store: StoreFile): ConnectionOptions {
  const { bytes, format } = readStore(store);
  const options: ConnectionOptions =
    format === 'pem'
      ? { cert: bytes, key: bytes, passphrase: store.keyPassword ?? store.password }
      : { pfx: bytes, passphrase: store.password ?? '' };
  // Opened here, so a wrong password or a file without key or certificate is refused before anything connects.
  try {
    createSecureContext(options);
  } catch (err) {
    const message = (err as Error).message;
    const why = /mac verify|bad decrypt|password|decrypt/i.test(message) ? 'the password is wrong' : /no start line|PEM|key/i.test(message) ? 'it must hold a certificate and its private key' : 'it is not a usable keystore';
    throw refused(store, `cannot be used as the client certificate: ${why}`);
  }
  return options;
}

/** node:tls options for the settings, or undefined when the protocol is not SSL or SASL_SSL. */
export function kafkaTlsOptions(s: KafkaSecuritySettings): ConnectionOptions | undefined {
  if (s.protocol !== 'SSL' && s.protocol !== 'SASL_SSL') return undefined;
  return { ...(s.truststore ? truststoreOptions(s.truststore) : {}), ...(s.keystore ? keystoreOptions(s.keystore) : {}) };
}

/** At submission: every store that exists is read and opened (a JKS one, a wrong password: a 400); a missing one waits for the step that connects. */
export function checkKafkaStores(s: KafkaSecuritySettings): void {
  if (s.protocol !== 'SSL' && s.protocol !== 'SASL_SSL') return;
  for (const [store, open] of [[s.truststore, truststoreOptions], [s.keystore, keystoreOptions]] as const) {
    if (!store) continue;
    try {
      open(store);
    } catch (err) {
      if (!(err instanceof MissingStore)) throw err;
    }
  }
}
