/**
 * The model store port: models by content hash (commands reference the model they were submitted with) and
 * stored models by name, each name with its access list (src/users/access.ts). A model's secrets are kept apart
 * from its redacted content; reads give them back merged.
 */
import type { ModelDefinition } from '../model/types.js';
import type { AccessList } from './access-list.js';

/**
 * What is stored under a name now: its access list, null for a model stored before access lists existed,
 * undefined for no model of that name.
 */
export type CurrentAccess = AccessList | null | undefined;

/** Decides the access list to store from the current one; throwing refuses the write (nothing is changed). */
export type AccessDecision = (current: CurrentAccess) => AccessList;

export interface ModelStore {
  /** Stores a model (idempotent) and returns its hash. */
  putContent(model: ModelDefinition): Promise<string>;
  /** The model as submitted, secrets included. */
  getContent(hash: string): Promise<ModelDefinition | undefined>;
  /**
   * Saves a model under its name (replacing a previous one of that name) with the access list `decide` gives from
   * the current one, and returns its hash. The decision and the write are one step: a concurrent save or access
   * change makes the adapter decide again on what is stored then.
   */
  save(model: ModelDefinition, decide: AccessDecision): Promise<string>;
  getByName(name: string): Promise<ModelDefinition | undefined>;
  /** The access list stored with a model (see CurrentAccess). */
  accessOf(name: string): Promise<CurrentAccess>;
  /**
   * Replaces a stored model's access list with what `change` gives from the current one (decided again on a
   * concurrent change); the new list, or undefined when there is no model of that name (`change` is not called).
   */
  changeAccess(name: string, change: (current: AccessList | null) => AccessList): Promise<AccessList | undefined>;
  /** Names of the stored models, sorted. */
  list(): Promise<string[]>;
  /** True when a model of that name existed and is now gone. */
  delete(name: string): Promise<boolean>;
}
