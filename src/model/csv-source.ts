/**
 * Reads the file behind a CSV field. Only files under the configured data directories are readable (after
 * resolving symbolic links), so a model cannot read arbitrary server files; and never the protected roots inside
 * them (the NATS store with its secrets, the users file), also when a link points there.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ModelError } from '../errors.js';
import { placementOf } from '../confined-path.js';

export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** Where CSV files may be read from, and what below those directories never is. */
export interface CsvAccess {
  dataDirs: string[];
  protectedRoots: string[];
}

const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The real path of `file` if it lies in one of the data directories and in no protected root; a ModelError at `where`
 * otherwise. `dirsName`: what the errors call those directories (LOCAL_LLM's model files ask too).
 */
export async function confinedPath(file: string, access: CsvAccess, where: string, dirsName = 'data directories'): Promise<string> {
  const { dataDirs } = access;
  if (dataDirs.length === 0) throw new ModelError(`cannot read "${file}": no data directory is configured for CSV fields`, where);
  const candidates = path.isAbsolute(file) ? [file] : dataDirs.map((d) => path.resolve(d, file));
  for (const candidate of candidates) {
    const placement = await placementOf(candidate, dataDirs, access.protectedRoots);
    switch (placement.kind) {
      case 'missing':
        continue;
      case 'protected':
        throw new ModelError(`"${file}" is part of the service's own state (its NATS store or users file), which a model may not read`, where);
      case 'outside':
        throw new ModelError(`"${file}" is outside the allowed ${dirsName} (${dataDirs.join(', ')})`, where);
      case 'inside':
        return placement.real;
    }
  }
  throw new ModelError(`file "${file}" not found in the allowed ${dirsName} (${dataDirs.join(', ')})`, where);
}

function cell(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** Splits CSV text: first line is the header; `separator` is literal text; cells may be wrapped in double quotes. */
export function parseCsv(text: string, separator: string): CsvTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const [head = '', ...rest] = lines;
  return { header: head.split(separator).map(cell), rows: rest.map((l) => l.split(separator).map(cell)) };
}

export async function loadCsv(file: string, separator: string, access: CsvAccess, where: string): Promise<CsvTable> {
  const real = await confinedPath(file, access, where);
  const info = await stat(real);
  if (!info.isFile()) throw new ModelError(`"${file}" is not a regular file`, where);
  if (info.size > MAX_BYTES) throw new ModelError(`"${file}" is larger than ${MAX_BYTES} bytes`, where);
  return parseCsv(await readFile(real, 'utf8'), separator);
}
