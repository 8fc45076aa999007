/**
 * The credential store in a KV bucket, one entry per credential under its name in base64url. Entries hold the
 * secret sealed (AES-256-GCM under the service's key): the bucket, its backups and JetStream's files never hold a
 * plaintext secret.
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CredentialStore, StoredCredential } from '../ports/credential-store.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_credentials';

const keyOf = (name: string) => Buffer.from(name, 'utf8').toString('base64url');

export class NatsCredentialStore implements CredentialStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsCredentialStore> {
    const kv = await openKvBucket(nc, BUCKET, { history: 1 }, replicas);
    return new NatsCredentialStore(kv);
  }

  async list(): Promise<StoredCredential[]> {
    const out: StoredCredential[] = [];
    for await (const key of await this.kv.keys()) {
      const c = await this.read(key);
      if (c) out.push(c);
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(name: string): Promise<StoredCredential | undefined> {
    return this.read(keyOf(name));
  }

  async put(credential: StoredCredential): Promise<void> {
    await this.kv.put(keyOf(credential.name), JSON.stringify(credential));
  }

  async delete(name: string): Promise<boolean> {
    if (!(await this.get(name))) return false;
    await this.kv.delete(keyOf(name));
    return true;
  }

  private async read(key: string): Promise<StoredCredential | undefined> {
    const entry = await this.kv.get(key);
    return entry && entry.operation === 'PUT' && entry.length > 0 ? entry.json<StoredCredential>() : undefined;
  }
}
