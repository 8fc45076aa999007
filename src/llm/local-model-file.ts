/**
 * The GGUF file a LOCAL_LLM field names: only from the directories of DATAGEN_LLM_MODELS_DIR (the service's own
 * environment, never a command's properties), relative to one of them or absolute inside one, after resolving links
 * (src/model/csv-source.ts confinedPath), never in a protected root, a regular file that starts as GGUF does. Its
 * identity (name, size and a hash of its first MiB) is part of the recorded answers' key: another file asks anew.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { confinedPath } from '../model/csv-source.js';

export const MODELS_DIR_SETTING = 'DATAGEN_LLM_MODELS_DIR';

export interface LocalModelAccess {
  /** The directories of DATAGEN_LLM_MODELS_DIR; empty: LOCAL_LLM fields are refused. */
  modelDirs: readonly string[];
  protectedRoots: readonly string[];
}

export interface LocalModelFile {
  /** The real path the model is loaded from. */
  path: string;
  /** What decides its answers: the name, the size and a hash of the header. */
  identity: string;
}

const GGUF_MAGIC = 'GGUF';
const HEADER_BYTES = 1024 * 1024;

/** Identities already read, by real path: a batch's chunks then stat the file instead of hashing its header again. */
const known = new Map<string, { size: number; mtimeMs: number; identity: string }>();
const KNOWN_FILES = 64;

/** The directories of DATAGEN_LLM_MODELS_DIR (comma-separated), resolved. Pure. */
export function llmModelDirs(configured: Readonly<Record<string, string>>): string[] {
  return (configured[MODELS_DIR_SETTING] ?? '').split(',').map((d) => d.trim()).filter(Boolean).map((d) => path.resolve(d));
}

/** The confined, checked GGUF file `file` names; a ModelError at `where` (e.g. `Fields[2].file`) otherwise. */
export async function localModelFile(file: string, access: LocalModelAccess, where: string): Promise<LocalModelFile> {
  if (access.modelDirs.length === 0) {
    throw new ModelError(`LOCAL_LLM fields need a directory of model files: the operator sets ${MODELS_DIR_SETTING} (comma-separated directories) in the service's environment`, where);
  }
  const real = await confinedPath(file, { dataDirs: [...access.modelDirs], protectedRoots: [...access.protectedRoots] }, where, `model directories (${MODELS_DIR_SETTING})`);
  if (path.extname(real).toLowerCase() !== '.gguf') throw new ModelError(`"${file}" is not a .gguf model file`, where);
  const handle = await open(real, 'r').catch(() => undefined);
  if (!handle) throw new ModelError(`"${file}" cannot be read`, where);
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ModelError(`"${file}" is not a regular file`, where);
    const seen = known.get(real);
    if (seen && seen.size === info.size && seen.mtimeMs === info.mtimeMs) return { path: real, identity: seen.identity };
    const head = Buffer.alloc(Math.min(HEADER_BYTES, info.size));
    await handle.read(head, 0, head.length, 0);
    if (head.subarray(0, 4).toString('latin1') !== GGUF_MAGIC) throw new ModelError(`"${file}" is not a GGUF model file (it does not start with "GGUF")`, where);
    const hash = createHash('sha256').update(head).digest('hex').slice(0, 32);
    const identity = `${path.basename(real)}:${info.size}:${hash}`;
    known.delete(real);
    known.set(real, { size: info.size, mtimeMs: info.mtimeMs, identity });
    if (known.size > KNOWN_FILES) known.delete(known.keys().next().value!);
    return { path: real, identity };
  } finally {
    await handle.close();
  }
}
