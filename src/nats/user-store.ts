/**
 * The user store in a KV bucket, one entry per user under its name in base64url (a KV key allows few characters,
 * a user name more). Read on every sign-in, so every API process of a deployment sees a change at once.
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import type { StoredUser, UserStore } from '../ports/user-store.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_users';

const keyOf = (name: string) => Buffer.from(name, 'utf8').toString('base64url');

export class NatsUserStore implements UserStore {
  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsUserStore> {
    const kv = await openKvBucket(nc, BUCKET, { history: 1 }, replicas);
    return new NatsUserStore(kv);
  }

  async any(): Promise<boolean> {
    // keys() skips deleted entries; the first one answers.
    for await (const _ of await this.kv.keys()) return true;
    return false;
  }

  async list(): Promise<StoredUser[]> {
    const users: StoredUser[] = [];
    for await (const key of await this.kv.keys()) {
      const user = await this.read(key);
      if (user) users.push(user);
    }
    return users.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  get(name: string): Promise<StoredUser | undefined> {
    return this.read(keyOf(name));
  }

  async put(user: StoredUser): Promise<void> {
    await this.kv.put(keyOf(user.name), JSON.stringify({ name: user.name, groups: user.groups, passwordHash: user.passwordHash }));
  }

  async delete(name: string): Promise<boolean> {
    if (!(await this.get(name))) return false;
    await this.kv.delete(keyOf(name));
    return true;
  }

  private async read(key: string): Promise<StoredUser | undefined> {
    const entry = await this.kv.get(key);
    return entry && entry.operation === 'PUT' && entry.length > 0 ? entry.json<StoredUser>() : undefined;
  }
}
