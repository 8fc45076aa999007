/**
 * Sealing a credential's secret at rest: AES-256-GCM under the service's key, a random 96-bit IV per record, the
 * credential's name and id as associated data (a sealed secret copied onto another entry does not open). Pure.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SealedSecret } from '../ports/credential-store.js';

/** What a credential keeps secret: the uploaded content, and a store's password for KEYSTORE and TRUSTSTORE. */
export interface CredentialSecret {
  content: Buffer;
  password?: string;
}

export const KEY_BYTES = 32;

/** Names the key without revealing it: a digest under a fixed label. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('datagen-credentials-key-id\0').update(key).digest('hex').slice(0, 16);
}

const aadOf = (name: string, id: string) => Buffer.from(`datagen-credential\0${name}\0${id}`, 'utf8');

export function sealSecret(key: Buffer, name: string, id: string, secret: CredentialSecret): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aadOf(name, id));
  const plain = Buffer.from(JSON.stringify({ content: secret.content.toString('base64'), ...(secret.password !== undefined ? { password: secret.password } : {}) }), 'utf8');
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  plain.fill(0);
  return { keyId: keyIdOf(key), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The secret, or an error that says why it does not open (never any of its bytes). */
export function openSecret(key: Buffer, name: string, id: string, sealed: SealedSecret): CredentialSecret {
  if (sealed.keyId !== keyIdOf(key)) {
    throw new Error(`credential ${name} was sealed with another key than DATAGEN_CREDENTIALS_KEY / DATAGEN_CREDENTIALS_KEY_FILE gives now`);
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(aadOf(name, id));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    plain = Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]);
  } catch {
    throw new Error(`credential ${name} does not open: its stored record was altered`);
  }
  const parsed = JSON.parse(plain.toString('utf8')) as { content: string; password?: string };
  plain.fill(0);
  return { content: Buffer.from(parsed.content, 'base64'), ...(parsed.password !== undefined ? { password: parsed.password } : {}) };
}
