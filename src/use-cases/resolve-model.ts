/**
 * The model a request chose: an uploaded file's text, or a reference (the name of a stored model the caller may
 * use, or a path to a .json file inside an allowed models directory), always within the size limits.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { placementOf } from '../confined-path.js';
import { BadRequestError, ModelError } from '../errors.js';
import { atMost, DEFAULT_LIMITS, type Limits } from '../model/limits.js';
import { assertModelWithinLimits } from '../model/model-limits.js';
import { parseModelText } from '../model/parse.js';
import { withParents } from '../model/relations/parents.js';
import { redactModel } from '../secrets/model-secrets.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../ports/model-store.js';
import type { Config } from '../config.js';
import type { Caller } from '../users/user-directory.js';
import { mayUseStored } from './model-access.js';

/** Which request parameter named the model, and what it holds. */
export type ModelChoice =
  | { kind: 'upload'; param: string; text: string; fileName?: string }
  | { kind: 'reference'; param: string; ref: string };

export interface ModelSources {
  store: ModelStore;
  /** Who asks: a stored model they may not use is not there for them (model-access.ts). */
  caller: Caller;
  modelDirs: string[];
  /** Never read as a model, even through a link inside a models directory: the NATS store, the users file. */
  protectedRoots?: string[];
  /** Size limits of a model (default: limits.ts's defaults), checked whatever its source, a stored model too. */
  limits?: Limits;
  /** A dataset's models by model_name (submit-dataset.ts): a parent named so is found here first. */
  pending?: ReadonlyMap<string, ModelDefinition>;
}

/** The chosen model with the parent models its foreign keys name, each resolved as a reference would be. */
export async function resolveModel(choice: ModelChoice, sources: ModelSources): Promise<ModelDefinition> {
  const model = await resolveOne(choice, sources);
  // Parents travel with the model (and its hash) into the model store's contents: redacted, as contents are kept
  // there; their secrets (sink credentials, LLM keys) never make a key.
  return withParents(model, async (name, param) => redactModel(sources.pending?.get(name) ?? await resolveOne({ kind: 'reference', param, ref: name }, sources)));
}

/** The chosen model alone, as written (its parents not resolved). */
export async function resolveOne(choice: ModelChoice, sources: ModelSources): Promise<ModelDefinition> {
  const limits = sources.limits ?? DEFAULT_LIMITS;
  if (choice.kind === 'upload') return parseModelText(choice.text, `uploaded ${choice.param}${choice.fileName ? ` "${choice.fileName}"` : ''}`, limits);
  const { param, ref } = choice;
  if (!ref.includes('/') && !ref.includes('\\')) {
    const name = ref.replace(/\.json$/i, '');
    const stored = (await mayUseStored(sources.store, sources.caller, name)) ? await sources.store.getByName(name) : undefined;
    if (stored) {
      // Stored before the limits were lowered, or under other limits: checked again like any model.
      assertModelWithinLimits(stored, limits);
      return stored;
    }
  }
  const file = await findModelFile(ref, sources.modelDirs, sources.protectedRoots ?? []);
  if (!file) {
    throw new BadRequestError(
      `parameter ${param}: "${ref}" is neither a stored model nor a model file in the allowed models directories (${sources.modelDirs.join(', ')})`,
      { parameter: param, value: ref },
    );
  }
  const { size } = await stat(file);
  if (size > limits.modelBytes) throw new ModelError(`model file ${ref} is ${size} bytes; a model may have ${atMost(limits, 'modelBytes')} bytes`);
  return parseModelText(await readFile(file, 'utf8'), `model file ${ref}`, limits);
}

/** The real path of `ref` if it names a file inside one of `dirs` and in no protected root (absolute, or relative to a dir, `.json` optional). */
async function findModelFile(ref: string, dirs: string[], protectedRoots: string[]): Promise<string | undefined> {
  const candidates = path.isAbsolute(ref)
    ? [ref]
    : dirs.flatMap((d) => [path.join(d, ref), path.join(d, `${ref}.json`)]);
  for (const candidate of candidates) {
    const placement = await placementOf(candidate, dirs, protectedRoots);
    if (placement.kind === 'inside') return placement.real;
  }
  return undefined;
}

/** Where the caller's models come from: the service's model store and configured directories, within its limits. */
export function modelSourcesOf(store: ModelStore, config: Pick<Config, 'modelDirs' | 'protectedRoots' | 'limits'>, caller: Caller): ModelSources {
  return { store, caller, modelDirs: config.modelDirs, protectedRoots: config.protectedRoots, limits: config.limits };
}
