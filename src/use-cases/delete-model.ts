/**
 * Deletes a stored model by name: true when it existed (unlike the original, which answered whether it still
 * existed), false when there is none or the caller may not see it; 403 when they may use it but not change it.
 */
import type { HealthProbe } from '../health.js';
import type { ModelStore } from '../ports/model-store.js';
import type { Caller } from '../users/user-directory.js';
import { mayUse } from '../users/access.js';
import { assertCanRecord } from './can-record.js';
import { administered, effectiveAccess } from './model-access.js';

export async function deleteModel(deps: { models: ModelStore; health: HealthProbe }, name: string, caller: Caller): Promise<boolean> {
  assertCanRecord(deps.health);
  const current = await deps.models.accessOf(name);
  if (current === undefined || !mayUse(caller, effectiveAccess(current))) return false;
  administered(caller, name, current);
  return deps.models.delete(name);
}
