/**
 * Stores a model under its name, once it resolves within the limits and compiles; answers the name. A new name
 * is the caller's own; a stored one is replaced only by whoever may change it, keeping its access list (409 else).
 */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { HealthProbe } from '../health.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../ports/model-store.js';
import { readableFiles } from '../readable-files.js';
import type { Caller } from '../users/user-directory.js';
import { assertCanRecord } from './can-record.js';
import { withoutParents } from '../model/relations/parents.js';
import { saveAccess } from './model-access.js';
import type { ModelChecks } from './model-checks.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';

export interface StoreModelDeps {
  models: ModelStore;
  modelChecks: ModelChecks;
  health: HealthProbe;
  log: Logger;
  config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits' | 'dataDir'>;
}

export async function storeModel(deps: StoreModelDeps, choice: ModelChoice, caller: Caller): Promise<string> {
  assertCanRecord(deps.health);
  const model = await resolveModel(choice, modelSourcesOf(deps.models, deps.config, caller));
  await deps.modelChecks.compile(model, readableFiles(deps.config));
  await saveModel(deps, model, caller);
  return model.name;
}

/** Saves a checked model under its name for the caller (see above). */
export async function saveModel(deps: Pick<StoreModelDeps, 'models' | 'log'>, model: ModelDefinition, caller: Caller): Promise<void> {
  await deps.models.save(withoutParents(model), saveAccess(caller, model.name));
  deps.log.info({ model: model.name, by: caller.name }, 'model stored');
}
