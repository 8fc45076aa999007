/**
 * The model a request names. `model` and `model_file` each accept an uploaded file part or a text value (a stored
 * model's name, or a path to a .json file inside an allowed models directory). As in the original, `model` wins
 * over `model_file` when both are given. The use cases resolve the choice (use-cases/resolve-model.ts).
 */
import { BadRequestError } from '../errors.js';
import type { ModelChoice } from '../use-cases/resolve-model.js';
import type { Params } from './params.js';

export interface UploadedFile {
  fieldname: string;
  originalname?: string;
  buffer: Buffer;
}

const MODEL_PARAMS = ['model', 'model_file'] as const;

/** The files of a multipart request (none for other bodies). */
export function uploadedFiles(ctx: unknown): UploadedFile[] {
  return (ctx as { files?: UploadedFile[] }).files ?? [];
}

export function modelChoice(params: Params, files: UploadedFile[]): ModelChoice {
  for (const param of MODEL_PARAMS) {
    const file = files.find((f) => f.fieldname === param);
    if (file) return { kind: 'upload', param, text: file.buffer.toString('utf8'), ...(file.originalname ? { fileName: file.originalname } : {}) };
    const ref = params[param]?.trim();
    if (ref) return { kind: 'reference', param, ref };
  }
  throw new BadRequestError('no model given: upload a model file as model_file (multipart), or name a stored model or a file in the models directory with model=<name>', { parameter: 'model_file' });
}
