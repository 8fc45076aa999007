/**
 * The model store port: models by content hash (commands reference the model they were submitted with) and
 * stored models by name. A model's secrets are kept apart from its redacted content; reads give them back merged.
 */
import type { ModelDefinition } from '../model/types.js';

export interface ModelStore {
  /** Stores a model (idempotent) and returns its hash. */
  putContent(model: ModelDefinition): Promise<string>;
  /** The model as submitted, secrets included. */
  getContent(hash: string): Promise<ModelDefinition | undefined>;
  /** Saves a model under its name (replacing a previous one of that name) and returns its hash. */
  save(model: ModelDefinition): Promise<string>;
  getByName(name: string): Promise<ModelDefinition | undefined>;
  /** Names of the stored models, sorted. */
  list(): Promise<string[]>;
  /** True when a model of that name existed and is now gone. */
  delete(name: string): Promise<boolean>;
}
