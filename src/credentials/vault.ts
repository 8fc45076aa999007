/**
 * The stored credentials with the key that opens them: what the API (add, resolve at submission) and the workers
 * and orchestrator (use) share. Every secret it opens is remembered for the log's scrubbing.
 */
import { ServiceUnavailableError } from '../errors.js';
import type { CredentialStore, StoredCredential } from '../ports/credential-store.js';
import { rememberSecretValues } from '../secrets/known-values.js';
import { openSecret, sealSecret, type CredentialSecret } from './cipher.js';
import { KEY_SETTINGS } from './key.js';
import { textOf } from './mapping.js';

export class CredentialVault {
  constructor(
    readonly store: CredentialStore,
    private readonly key: Buffer | undefined,
  ) {}

  private requireKey(): Buffer {
    if (!this.key) throw new ServiceUnavailableError(`credentials are not configured: set ${KEY_SETTINGS} (32 bytes, e.g. openssl rand -base64 32) so that they can be stored encrypted`, { setting: 'DATAGEN_CREDENTIALS_KEY' });
    return this.key;
  }

  seal(name: string, id: string, secret: CredentialSecret): StoredCredential['sealed'] {
    return sealSecret(this.requireKey(), name, id, secret);
  }

  open(c: StoredCredential): CredentialSecret {
    const secret = openSecret(this.requireKey(), c.name, c.id, c.sealed);
    rememberSecretValues([textOf(secret.content), ...(secret.password !== undefined ? [secret.password] : [])]);
    return secret;
  }
}
