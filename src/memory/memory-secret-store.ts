/** The secret store in memory, for specs: a copy of each command's secrets, nothing kept for an empty record. */
import type { SecretStore } from '../ports/secret-store.js';
import { secretValuesOf } from '../secrets.js';
import { rememberSecretValues } from '../secrets/known-values.js';

export class InMemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, Record<string, string>>();

  async put(commandUuid: string, secrets: Record<string, string>): Promise<void> {
    if (Object.keys(secrets).length === 0) return;
    rememberSecretValues(secretValuesOf(secrets));
    this.secrets.set(commandUuid, { ...secrets });
  }

  async get(commandUuid: string): Promise<Record<string, string>> {
    return { ...(this.secrets.get(commandUuid) ?? {}) };
  }
}
