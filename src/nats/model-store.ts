/**
 * Models live in JetStream too: contents in an object store keyed by content hash (commands reference
 * models by hash, so a command always runs the model it was submitted with), and stored models' names
 * in a key-value bucket (name → hash).
 */
import { Kvm, type KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import type { NatsConnection } from '@nats-io/transport-node';
import { createHash } from 'node:crypto';
import type { ModelDefinition } from '../model/types.js';

const OBJECTS = 'datagen_models';
const NAMES = 'datagen_model_names';

export function modelHash(model: ModelDefinition): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}

export class ModelStore {
  private readonly cache = new Map<string, ModelDefinition>();

  private constructor(private readonly objects: ObjectStore, private readonly names: KV) {}

  static async open(nc: NatsConnection): Promise<ModelStore> {
    const objects = await new Objm(nc).create(OBJECTS);
    const names = await new Kvm(nc).create(NAMES, { history: 5 });
    return new ModelStore(objects, names);
  }

  /** Stores a model's content (idempotent) and returns its hash. */
  async putContent(model: ModelDefinition): Promise<string> {
    const hash = modelHash(model);
    if (this.cache.has(hash)) return hash;
    const existing = await this.objects.info(hash);
    if (!existing || existing.deleted) await this.objects.putBlob({ name: hash }, new TextEncoder().encode(JSON.stringify(model)));
    this.cache.set(hash, model);
    return hash;
  }

  async getContent(hash: string): Promise<ModelDefinition | undefined> {
    const cached = this.cache.get(hash);
    if (cached) return cached;
    const bytes = await this.objects.getBlob(hash);
    if (!bytes) return undefined;
    const model = JSON.parse(new TextDecoder().decode(bytes)) as ModelDefinition;
    this.cache.set(hash, model);
    return model;
  }

  /** Saves a model under its name (replacing a previous one of that name). */
  async save(model: ModelDefinition): Promise<string> {
    const hash = await this.putContent(model);
    await this.names.put(nameKey(model.name), hash);
    return hash;
  }

  async getByName(name: string): Promise<ModelDefinition | undefined> {
    const entry = await this.names.get(nameKey(name));
    if (!entry || entry.operation !== 'PUT' || entry.length === 0) return undefined;
    return this.getContent(entry.string());
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
}

/** KV keys allow [-/_=.a-zA-Z0-9]: encode anything else so every model name round-trips. */
function nameKey(name: string): string {
  return 'm.' + Buffer.from(name, 'utf8').toString('base64url');
}

function decodeName(key: string): string {
  return Buffer.from(key.slice(2), 'base64url').toString('utf8');
}
