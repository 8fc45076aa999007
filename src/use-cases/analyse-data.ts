/**
 * Model generation from data (spec §2.6): a source's records sampled, each column profiled, a model inferred from
 * the profiles, checked to load and compile, and stored. A name already taken gets the original's suffix
 * `-dd-MM-yyyy_HH-mm-ss` (UTC) instead of replacing the stored model. Answers the model in the Datagen format.
 */
import type { Logger } from 'pino';
import { buildModel, type ModelJson } from '../analysis/build-model.js';
import { profileRecords } from '../analysis/profile-records.js';
import type { RecordSource } from '../analysis/record-source.js';
import type { Config } from '../config.js';
import { BadRequestError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import { parseModel } from '../model/parse.js';
import type { Clock } from '../ports/clock.js';
import type { ModelStore } from '../ports/model-store.js';
import { readableFiles } from '../readable-files.js';
import type { Caller } from '../users/user-directory.js';
import { assertCanRecord } from './can-record.js';
import type { ModelChecks } from './model-checks.js';
import { saveModel } from './store-model.js';

export interface AnalyseDataDeps {
  models: ModelStore;
  modelChecks: ModelChecks;
  health: HealthProbe;
  log: Logger;
  clock: Clock;
  config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits' | 'dataDir'>;
}

/** Records sampled when the request does not say. */
export const DEFAULT_SAMPLE_ROWS = 10_000;
export const MAX_SAMPLE_ROWS = 1_000_000;

const pad = (n: number) => String(n).padStart(2, '0');

/** The original's name-clash suffix: `-dd-MM-yyyy_HH-mm-ss`. */
export function clashSuffix(ms: number): string {
  const d = new Date(ms);
  return `-${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)}-${d.getUTCFullYear()}_${pad(d.getUTCHours())}-${pad(d.getUTCMinutes())}-${pad(d.getUTCSeconds())}`;
}

async function freeName(models: ModelStore, name: string, now: number): Promise<string> {
  return (await models.getByName(name)) ? `${name}${clashSuffix(now)}` : name;
}

export async function analyseData(deps: AnalyseDataDeps, source: RecordSource, caller: Caller, sampleRows = DEFAULT_SAMPLE_ROWS): Promise<ModelJson> {
  assertCanRecord(deps.health);
  const { columns, records } = await profileRecords(source, sampleRows);
  if (records === 0 || columns.length === 0) throw new BadRequestError(`${source.name}: there is no record to analyse`, { source: source.name });
  const json = await buildModel(source.name.slice(0, deps.config.limits.modelNameLength - 20), columns);
  for (const f of json.Fields) if (typeof f.length === 'number') f.length = Math.min(f.length, deps.config.limits.stringLength);
  json.model_name = await freeName(deps.models, json.model_name, deps.clock.now());
  const model = parseModel(json, deps.config.limits);
  await deps.modelChecks.compile(model, readableFiles(deps.config));
  // A new name: the caller owns the model (the original recorded the owner "generator").
  await saveModel(deps, model, caller);
  deps.log.info({ model: model.name, records, columns: columns.length }, 'model generated from data');
  return json;
}
