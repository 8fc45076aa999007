/**
 * Resolves the model of a request. `model` and `model_file` each accept an uploaded file part or a text
 * value: a stored model's name, or a path to a .json file inside an allowed models directory.
 * As in the original, `model` wins over `model_file` when both are given.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { BadRequestError, ModelError } from '../errors.js';
import { atMost, DEFAULT_LIMITS, type Limits } from '../model/limits.js';
import { assertModelWithinLimits } from '../model/model-limits.js';
import { parseModelText } from '../model/parse.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../nats/model-store.js';
import { placementOf } from '../confined-path.js';
import type { Params } from './params.js';

export interface UploadedFile {
  fieldname: string;
  originalname?: string;
  buffer: Buffer;
}

export interface ModelSources {
  store: ModelStore;
  modelDirs: string[];
  /** Never read as a model, even through a link inside a models directory: the NATS store, the users file. */
  protectedRoots?: string[];
  /** Size limits of a model (default: limits.ts's defaults), checked whatever its source, a stored model too. */
  limits?: Limits;
}

const MODEL_PARAMS = ['model', 'model_file'] as const;

/**
 * The model of a request, within the size limits. Routes then compile it on a model-check thread
 * (deps.modelChecks) so that what only compilation finds (a formula that does not parse, a CSV file that is missing
 * or outside the data directories) is a 400 now rather than a failed command later.
 */
export async function resolveModel(params: Params, files: UploadedFile[], sources: ModelSources): Promise<ModelDefinition> {
  const limits = sources.limits ?? DEFAULT_LIMITS;
  for (const name of MODEL_PARAMS) {
    const file = files.find((f) => f.fieldname === name);
    if (file) return parseModelText(file.buffer.toString('utf8'), `uploaded ${name}${file.originalname ? ` "${file.originalname}"` : ''}`, limits);
    const text = params[name]?.trim();
    if (text) return resolveModelReference(name, text, sources);
  }
  throw new BadRequestError('no model given: upload a model file as model_file (multipart), or name a stored model or a file in the models directory with model=<name>', { parameter: 'model_file' });
}

async function resolveModelReference(param: string, ref: string, sources: ModelSources): Promise<ModelDefinition> {
  if (!ref.includes('/') && !ref.includes('\\')) {
    const stored = await sources.store.getByName(ref.replace(/\.json$/i, ''));
    if (stored) {
      // Stored before the limits were lowered, or under other limits: checked again like any model.
      assertModelWithinLimits(stored, sources.limits ?? DEFAULT_LIMITS);
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
  const limits = sources.limits ?? DEFAULT_LIMITS;
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
