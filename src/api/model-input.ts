/**
 * Resolves the model of a request. `model` and `model_file` each accept an uploaded file part or a text
 * value: a stored model's name, or a path to a .json file inside an allowed models directory.
 * As in the original, `model` wins over `model_file` when both are given.
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { BadRequestError } from '../errors.js';
import { compileModel, type CompileEnv } from '../model/compile.js';
import { parseModelText } from '../model/parse.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../nats/model-store.js';
import { isWithin, protectedRootOf } from '../protected-paths.js';
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
}

const MODEL_PARAMS = ['model', 'model_file'] as const;

/**
 * Compiles the model once at submission so that what only compilation finds (a formula that does not parse,
 * a CSV file that is missing or outside the data directories) is a 400 now rather than a failed command later.
 */
export async function assertCompiles(model: ModelDefinition, files: CompileEnv): Promise<void> {
  const generator = await compileModel(model, files);
  generator.dispose?.();
}

export async function resolveModel(params: Params, files: UploadedFile[], sources: ModelSources): Promise<ModelDefinition> {
  for (const name of MODEL_PARAMS) {
    const file = files.find((f) => f.fieldname === name);
    if (file) return parseModelText(file.buffer.toString('utf8'), `uploaded ${name}${file.originalname ? ` "${file.originalname}"` : ''}`);
    const text = params[name]?.trim();
    if (text) return resolveModelReference(name, text, sources);
  }
  throw new BadRequestError('no model given: upload a model file as model_file (multipart), or name a stored model or a file in the models directory with model=<name>', { parameter: 'model_file' });
}

async function resolveModelReference(param: string, ref: string, sources: ModelSources): Promise<ModelDefinition> {
  if (!ref.includes('/') && !ref.includes('\\')) {
    const stored = await sources.store.getByName(ref.replace(/\.json$/i, ''));
    if (stored) return stored;
  }
  const file = await findModelFile(ref, sources.modelDirs, sources.protectedRoots ?? []);
  if (!file) {
    throw new BadRequestError(
      `parameter ${param}: "${ref}" is neither a stored model nor a model file in the allowed models directories (${sources.modelDirs.join(', ')})`,
      { parameter: param, value: ref },
    );
  }
  return parseModelText(await readFile(file, 'utf8'), `model file ${ref}`);
}

/** The real path of `ref` if it names a file inside one of `dirs` and in no protected root (absolute, or relative to a dir, `.json` optional). */
async function findModelFile(ref: string, dirs: string[], protectedRoots: string[]): Promise<string | undefined> {
  const candidates = path.isAbsolute(ref)
    ? [ref]
    : dirs.flatMap((d) => [path.join(d, ref), path.join(d, `${ref}.json`)]);
  for (const candidate of candidates) {
    const real = await realpath(candidate).catch(() => undefined);
    if (!real || (await protectedRootOf(real, protectedRoots))) continue;
    for (const dir of dirs) {
      const realDir = await realpath(dir).catch(() => undefined);
      if (realDir && isWithin(real, realDir)) return real;
    }
  }
  return undefined;
}
