/**
 * The secret store in a KV bucket: per-command secret settings (passwords, tokens from extraProperties), never in
 * the audit log; the orchestrator and workers read them by command uuid.
 */
import type { KV } from '@nats-io/kv';
import type { NatsConnection } from '@nats-io/transport-node';
import { secretValuesOf } from '../secrets.js';
import { rememberSecretValues } from '../secrets/known-values.js';
import type { SecretStore } from '../ports/secret-store.js';
import { openKvBucket } from './buckets.js';

const BUCKET = 'datagen_command_secrets';

export class NatsSecretStore implements SecretStore {
  private readonly cache = new Map<string, Record<string, string>>();

  private constructor(private readonly kv: KV) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsSecretStore> {
    const kv = await openKvBucket(nc, BUCKET, { history: 1 }, replicas);
    return new NatsSecretStore(kv);
  }

  async put(commandUuid: string, secrets: Record<string, string>): Promise<void> {
    if (Object.keys(secrets).length === 0) return;
    rememberSecretValues(secretValuesOf(secrets));
    await this.kv.put(commandUuid, JSON.stringify(secrets));
    this.cache.set(commandUuid, secrets);
  }

  async get(commandUuid: string): Promise<Record<string, string>> {
    const cached = this.cache.get(commandUuid);
    if (cached) return cached;
    const entry = await this.kv.get(commandUuid);
    const secrets = entry && entry.operation === 'PUT' && entry.length > 0 ? (entry.json<Record<string, string>>()) : {};
    rememberSecretValues(secretValuesOf(secrets));
    if (this.cache.size > 1000) this.cache.clear();
    this.cache.set(commandUuid, secrets);
    return secrets;
  }
}
