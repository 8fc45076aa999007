/** Deletes a stored model by name: true when it existed (unlike the original, which always answered true). */
import type { HealthProbe } from '../health.js';
import type { ModelStore } from '../ports/model-store.js';
import { assertCanRecord } from './can-record.js';

export async function deleteModel(deps: { models: ModelStore; health: HealthProbe }, name: string): Promise<boolean> {
  assertCanRecord(deps.health);
  return deps.models.delete(name);
}
