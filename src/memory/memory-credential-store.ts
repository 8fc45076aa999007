/** The credential store in memory, for specs: copies in, copies out. */
import type { CredentialStore, StoredCredential } from '../ports/credential-store.js';

export class InMemoryCredentialStore implements CredentialStore {
  private readonly credentials = new Map<string, StoredCredential>();

  async list(): Promise<StoredCredential[]> {
    return [...this.credentials.values()].map((c) => structuredClone(c)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(name: string): Promise<StoredCredential | undefined> {
    const c = this.credentials.get(name);
    return c && structuredClone(c);
  }

  async put(credential: StoredCredential): Promise<void> {
    this.credentials.set(credential.name, structuredClone(credential));
  }

  async delete(name: string): Promise<boolean> {
    return this.credentials.delete(name);
  }
}
