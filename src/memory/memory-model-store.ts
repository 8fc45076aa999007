/**
 * The model store in memory, for specs: the NATS adapter's rules (redacted content by hash, secrets apart under
 * the same hash, names → hash and access list) on maps, with a salt of its own.
 */
import { randomBytes } from 'node:crypto';
import type { ModelDefinition } from '../model/types.js';
import type { AccessDecision, CurrentAccess, ModelStore } from '../ports/model-store.js';
import type { AccessList } from '../ports/access-list.js';
import { rememberSecretValues } from '../secrets/known-values.js';
import { modelHash } from '../secrets/model-hash.js';
import { hasModelSecrets, mergeModelSecrets, modelSecretValues, splitModelSecrets, type ModelSecrets } from '../secrets/model-secrets.js';

export class InMemoryModelStore implements ModelStore {
  private readonly contents = new Map<string, string>();
  private readonly secrets = new Map<string, ModelSecrets>();
  private readonly names = new Map<string, { hash: string; access: AccessList | null }>();

  constructor(private readonly salt = randomBytes(32).toString('hex')) {}

  async putContent(model: ModelDefinition): Promise<string> {
    const { model: stored, secrets } = splitModelSecrets(model);
    const hash = modelHash(stored, secrets, this.salt);
    rememberSecretValues(modelSecretValues(model));
    if (hasModelSecrets(secrets)) this.secrets.set(hash, structuredClone(secrets));
    if (!this.contents.has(hash)) this.contents.set(hash, JSON.stringify(stored));
    return hash;
  }

  async getContent(hash: string): Promise<ModelDefinition | undefined> {
    const text = this.contents.get(hash);
    if (text === undefined) return undefined;
    return mergeModelSecrets(JSON.parse(text) as ModelDefinition, structuredClone(this.secrets.get(hash) ?? {}));
  }

  async save(model: ModelDefinition, decide: AccessDecision): Promise<string> {
    const hash = await this.putContent(model);
    // Decided and written with no await between, so a concurrent save is decided on what this one wrote.
    const current = this.names.get(model.name);
    const access = structuredClone(decide(current === undefined ? undefined : structuredClone(current.access)));
    this.names.set(model.name, { hash, access });
    return hash;
  }

  async getByName(name: string): Promise<ModelDefinition | undefined> {
    const entry = this.names.get(name);
    return entry === undefined ? undefined : this.getContent(entry.hash);
  }

  async accessOf(name: string): Promise<CurrentAccess> {
    const entry = this.names.get(name);
    return entry === undefined ? undefined : structuredClone(entry.access);
  }

  async changeAccess(name: string, change: (current: AccessList | null) => AccessList): Promise<AccessList | undefined> {
    const entry = this.names.get(name);
    if (entry === undefined) return undefined;
    entry.access = structuredClone(change(structuredClone(entry.access)));
    return structuredClone(entry.access);
  }

  async list(): Promise<string[]> {
    return [...this.names.keys()].sort();
  }

  async delete(name: string): Promise<boolean> {
    return this.names.delete(name);
  }
}
