/**
 * The key that seals credentials, from the configuration: DATAGEN_CREDENTIALS_KEY (32 bytes as 64 hex digits or
 * base64) or DATAGEN_CREDENTIALS_KEY_FILE (a file holding the same text, or the 32 bytes themselves). Nothing is
 * derived when neither is set: the service then stores no credentials (addCredentials says which setting to set).
 */
import { readFileSync } from 'node:fs';
import { KEY_BYTES } from './cipher.js';

export interface CredentialKeySources {
  value?: string;
  file?: string;
}

export const KEY_SETTINGS = 'DATAGEN_CREDENTIALS_KEY or DATAGEN_CREDENTIALS_KEY_FILE';

function fromText(text: string, where: string): Buffer {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{42,44}={0,2}$/.test(t) ? Buffer.from(t, t.includes('-') || t.includes('_') ? 'base64url' : 'base64') : undefined;
  if (!key || key.length !== KEY_BYTES) throw new Error(`configuration ${where} must be ${KEY_BYTES} bytes as 64 hex digits or base64 (e.g. openssl rand -base64 32)`);
  return key;
}

/** The key, undefined when none is configured; a key that does not read is a configuration error at start. */
export function loadCredentialsKey(sources: CredentialKeySources): Buffer | undefined {
  if (sources.value && sources.file) throw new Error('configuration: set DATAGEN_CREDENTIALS_KEY or DATAGEN_CREDENTIALS_KEY_FILE, not both');
  if (sources.value) return fromText(sources.value, 'DATAGEN_CREDENTIALS_KEY');
  if (!sources.file) return undefined;
  let raw: Buffer;
  try {
    raw = readFileSync(sources.file);
  } catch (e) {
    throw new Error(`configuration DATAGEN_CREDENTIALS_KEY_FILE: cannot read ${sources.file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return raw.length === KEY_BYTES ? raw : fromText(raw.toString('utf8'), 'DATAGEN_CREDENTIALS_KEY_FILE');
}
