/**
 * The model store in JetStream: contents in an object store keyed by hash (src/secrets/model-hash.ts), and stored
 * models' names in a key-value bucket (name → {hash, access}; a bare hash for a model stored before access lists,
 * read as having none). Writes to a name go at the revision read, so a concurrent one makes us decide again. A model's secrets (src/secrets/model-secrets.ts) are kept
 * apart, in their own key-value bucket under the same hash: the object store only ever holds the redacted model.
 */
import type { KV } from '@nats-io/kv';
import type { ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ModelDefinition } from '../model/types.js';
import type { AccessDecision, CurrentAccess, ModelStore } from '../ports/model-store.js';
import type { AccessList } from '../ports/access-list.js';
import { rememberSecretValues } from '../secrets/known-values.js';
import { modelHash } from '../secrets/model-hash.js';
import { hasModelSecrets, mergeModelSecrets, modelSecretValues, splitModelSecrets, type ModelSecrets } from '../secrets/model-secrets.js';
import { openKvBucket, openObjectBucket } from './buckets.js';
import { hashSalt } from './hash-salt.js';
import { isRevisionConflict } from '../ports/revision-conflict.js';

const OBJECTS = 'datagen_models';
const NAMES = 'datagen_model_names';
const SECRETS = 'datagen_model_secrets';
/** Keys of the secrets bucket besides model hashes (which are hex). */
const SALT_KEY = 'hash-salt';
const MOVED_KEY = 'inline-secrets-moved';
/** How often a write to a name is decided again after concurrent writes before giving up. */
const MAX_CONFLICTS = 20;

interface NameEntry {
  hash: string;
  access: AccessList | null;
}

export class NatsModelStore implements ModelStore {
  private readonly cache = new Map<string, ModelDefinition>();

  private constructor(private readonly objects: ObjectStore, private readonly names: KV, private readonly secrets: KV, private readonly salt: string) {}

  static async open(nc: NatsConnection, replicas = 1): Promise<NatsModelStore> {
    const objects = await openObjectBucket(nc, OBJECTS, replicas);
    const names = await openKvBucket(nc, NAMES, { history: 5 }, replicas);
    const secrets = await openKvBucket(nc, SECRETS, { history: 1 }, replicas);
    const store = new NatsModelStore(objects, names, secrets, await hashSalt(secrets, SALT_KEY));
    await store.moveInlineSecrets();
    return store;
  }

  /** Stores a model (its secrets apart; idempotent) and returns its hash. */
  async putContent(model: ModelDefinition): Promise<string> {
    const { model: stored, secrets } = splitModelSecrets(model);
    const hash = modelHash(stored, secrets, this.salt);
    if (this.cache.has(hash)) return hash;
    rememberSecretValues(modelSecretValues(model));
    // Secrets first: an object in the store always finds its secrets.
    if (hasModelSecrets(secrets)) await this.secrets.put(hash, JSON.stringify(secrets));
    const existing = await this.objects.info(hash);
    if (!existing || existing.deleted) await this.objects.putBlob({ name: hash }, encodeJson(stored));
    this.cache.set(hash, model);
    return hash;
  }

  /** The model as submitted, secrets included (models stored before secrets were kept apart hold them inline). */
  async getContent(hash: string): Promise<ModelDefinition | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const bytes = await this.objects.getBlob(hash);
    if (!bytes) return undefined;
    const model = mergeModelSecrets(JSON.parse(new TextDecoder().decode(bytes)) as ModelDefinition, await this.secretsOf(hash));
    rememberSecretValues(modelSecretValues(model));
    this.cache.set(hash, model);
    return model;
  }

  /** Saves a model under its name (replacing a previous one of that name) with the access list `decide` gives. */
  async save(model: ModelDefinition, decide: AccessDecision): Promise<string> {
    let hash: string | undefined;
    await this.writeName(model.name, async (current) => {
      const access = decide(current === undefined ? undefined : current.access);
      hash ??= await this.putContent(model);
      return { hash, access };
    });
    return hash!;
  }

  async getByName(name: string): Promise<ModelDefinition | undefined> {
    const entry = (await this.readName(name))?.entry;
    return entry && this.getContent(entry.hash);
  }

  async accessOf(name: string): Promise<CurrentAccess> {
    return (await this.readName(name))?.entry.access;
  }

  async changeAccess(name: string, change: (current: AccessList | null) => AccessList): Promise<AccessList | undefined> {
    let changed: AccessList | undefined;
    await this.writeName(name, async (current) => {
      if (current === undefined) return undefined;
      changed = change(current.access);
      return { ...current, access: changed };
    });
    return changed;
  }

  async list(): Promise<string[]> {
    const out: string[] = [];
    for await (const k of await this.names.keys()) out.push(decodeName(k));
    return out.sort();
  }

  /** True when a model of that name existed and is now gone. */
  async delete(name: string): Promise<boolean> {
    const entry = await this.names.get(nameKey(name));
    if (!entry || entry.operation !== 'PUT') return false;
    await this.names.delete(nameKey(name));
    return true;
  }

  private async readName(name: string): Promise<{ entry: NameEntry; revision: number } | undefined> {
    const kv = await this.names.get(nameKey(name));
    if (!kv || kv.operation !== 'PUT' || kv.length === 0) return undefined;
    return { entry: parseNameEntry(kv.string()), revision: kv.revision };
  }

  /**
   * Writes what `next` gives from the current entry (undefined: write nothing), at the revision it was read at
   * (or only if there is none): a concurrent write makes `next` decide again on the entry stored then.
   */
  private async writeName(name: string, next: (current: NameEntry | undefined) => Promise<NameEntry | undefined>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.readName(name);
      const entry = await next(current?.entry);
      if (entry === undefined) return;
      const value = JSON.stringify(entry);
      try {
        if (current) await this.names.update(nameKey(name), value, current.revision);
        else await this.names.create(nameKey(name), value);
        return;
      } catch (err) {
        if (!isRevisionConflict(err) || attempt >= MAX_CONFLICTS) throw err;
      }
    }
  }

  private async secretsOf(hash: string): Promise<ModelSecrets> {
    const entry = await this.secrets.get(hash);
    return entry && entry.operation === 'PUT' && entry.length > 0 ? entry.json<ModelSecrets>() : {};
  }

  /**
   * Models stored before secrets were kept apart hold them inline: move them to the secrets bucket under the
   * same hash (commands reference it) and rewrite the object redacted. Idempotent; done once per deployment.
   */
  private async moveInlineSecrets(): Promise<void> {
    const done = await this.secrets.get(MOVED_KEY);
    if (done?.operation === 'PUT') return;
    for (const info of await this.objects.list()) {
      if (info.deleted) continue;
      const bytes = await this.objects.getBlob(info.name);
      if (!bytes) continue;
      const { model: stored, secrets } = splitModelSecrets(JSON.parse(new TextDecoder().decode(bytes)) as ModelDefinition);
      if (!hasModelSecrets(secrets)) continue;
      await this.secrets.put(info.name, JSON.stringify({ ...secrets, ...(await this.secretsOf(info.name)) }));
      await this.objects.putBlob({ name: info.name }, encodeJson(stored));
    }
    await this.secrets.put(MOVED_KEY, new Date().toISOString());
  }
}

/** A name's value: {hash, access}, or the bare hash written before access lists existed. */
function parseNameEntry(text: string): NameEntry {
  if (!text.startsWith('{')) return { hash: text, access: null };
  const entry = JSON.parse(text) as NameEntry;
  return { hash: entry.hash, access: entry.access ?? null };
}

function encodeJson(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/** KV keys allow [-/_=.a-zA-Z0-9]: encode anything else so every model name round-trips. */
function nameKey(name: string): string {
  return 'm.' + Buffer.from(name, 'utf8').toString('base64url');
}

function decodeName(key: string): string {
  return Buffer.from(key.slice(2), 'base64url').toString('utf8');
}
