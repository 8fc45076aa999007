/** Stores a model under its name, once it resolves within the limits and compiles; answers the name. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { HealthProbe } from '../health.js';
import type { ModelStore } from '../ports/model-store.js';
import { readableFiles } from '../readable-files.js';
import { assertCanRecord } from './can-record.js';
import type { ModelChecks } from './model-checks.js';
import { modelSourcesOf, resolveModel, type ModelChoice } from './resolve-model.js';

export interface StoreModelDeps {
  models: ModelStore;
  modelChecks: ModelChecks;
  health: HealthProbe;
  log: Logger;
  config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits' | 'dataDir'>;
}

export async function storeModel(deps: StoreModelDeps, choice: ModelChoice): Promise<string> {
  assertCanRecord(deps.health);
  const model = await resolveModel(choice, modelSourcesOf(deps.models, deps.config));
  await deps.modelChecks.compile(model, readableFiles(deps.config));
  await deps.models.save(model);
  deps.log.info({ model: model.name }, 'model stored');
  return model.name;
}
