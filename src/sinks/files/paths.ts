/**
 * Where a local-file sink writes. Every name part is a plain name, every directory is resolved and confined to the
 * configured output roots and kept out of the service's protected files, so a model cannot make the service write
 * anywhere else (also not through a symbolic link inside a root, checked again on the real path at write time).
 */
import { existsSync, realpathSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { BadRequestError } from '../../errors.js';
import { isWithin, protectedRootOf, protectedRootOfSync, protectedRoots } from '../../protected-paths.js';
import { SCHEDULE_EXECUTION_PROPERTY, type SinkContext, type SinkSettings } from '../types.js';
import { plainName } from './plain-name.js';


/** The directory the command's files go to: Table_Names.LOCAL_FILE_PATH (relative: under the data dir), else <data dir>/output/<model>. */
export function outputDir(ctx: SinkContext): string {
  const configured = ctx.model.tableNames?.LOCAL_FILE_PATH;
  const dir = configured
    ? path.resolve(ctx.settings.dataDir, configured)
    : path.join(ctx.settings.dataDir, 'output', plainName(ctx.model.name, 'model_name'));
  const field = 'Table_Names.LOCAL_FILE_PATH';
  const roots = ctx.settings.outputRoots.map((r) => path.resolve(r));
  if (!realInsideSomeRoot(dir, roots)) {
    throw new BadRequestError(
      `${field} "${configured ?? dir}" resolves to ${dir}, which is outside the allowed output directories ` +
        `(${roots.join(', ')}); use a path under one of them or add its directory to DATAGEN_OUTPUT_ROOTS`,
      { field, value: configured ?? dir, allowedRoots: roots },
    );
  }
  // Lexically (the store may not exist yet) and on the real path (a link to it).
  const protectedOnes = allProtectedRoots(ctx.settings);
  const denied = protectedRootOfSync(dir, protectedOnes) ?? protectedRootOfSync(realOfDeepestExisting(dir), protectedOnes);
  if (denied) {
    throw new BadRequestError(`${field} "${configured ?? dir}" resolves to ${dir}, inside ${denied}, which holds the service's own state; choose another directory`, {
      field,
      value: configured ?? dir,
    });
  }
  return dir;
}

/**
 * The file name prefix: LOCAL_FILE_NAME or the model name; for an execution of a schedule, followed by
 * `-execution-<n>`, so that each execution keeps its files instead of overwriting the previous one's (an
 * original defect).
 */
export function filePrefix(ctx: SinkContext): string {
  const execution = executionNumber(ctx);
  const base = baseFilePrefix(ctx);
  return execution === undefined ? base : executionPrefix(base, execution);
}

/** `<base>-execution-<n as at least 6 digits>`: the prefix of a schedule execution's files. */
export function executionPrefix(base: string, execution: number): string {
  return `${base}-execution-${String(execution).padStart(6, '0')}`;
}

/**
 * The schedule execution number the scheduler set on the command, if any. Only the scheduler sets it (the API
 * refuses internal settings); it is still checked here, where it becomes part of a file name.
 */
export function executionNumber(ctx: SinkContext): number | undefined {
  const raw = ctx.settings.properties[SCHEDULE_EXECUTION_PROPERTY];
  if (raw === undefined) return undefined;
  if (!/^\d{1,12}$/.test(raw)) {
    throw new BadRequestError(`${SCHEDULE_EXECUTION_PROPERTY} "${raw.slice(0, 40)}" is not an execution number (digits only)`, { field: SCHEDULE_EXECUTION_PROPERTY });
  }
  return Number(raw);
}

/** LOCAL_FILE_NAME or the model name: what DELETE_PREVIOUS clears (every execution of a schedule included). */
export function baseFilePrefix(ctx: SinkContext): string {
  const configured = ctx.model.tableNames?.LOCAL_FILE_NAME;
  if (configured === undefined || configured === '') return plainName(ctx.model.name, 'model_name');
  return plainName(configured, 'Table_Names.LOCAL_FILE_NAME');
}

/** <prefix>-<batch as 10 digits>.<ext>, as the original names per-batch files. */
export function batchFileName(prefix: string, batch: number, ext: string): string {
  if (!Number.isSafeInteger(batch) || batch < 0) throw new Error(`batch ${batch} is not a batch index`);
  return `${prefix}-${String(batch).padStart(10, '0')}.${ext}`;
}

/** <prefix>.<ext>: the one file of a command written with ONE_FILE_PER_ITERATION=false. */
export function singleFileName(prefix: string, ext: string): string {
  return `${prefix}.${ext}`;
}

/** Hidden directory holding one command's part files until finalize() assembles the single file. */
export function partsDirName(prefix: string, ext: string, commandUuid: string): string {
  return `.${prefix}.${ext}.${plainName(commandUuid, 'commandUuid')}.parts`;
}

/** The protected roots a sink must never write into: the data directory's NATS store, plus the configured ones. */
export function allProtectedRoots(settings: SinkSettings): string[] {
  return [...protectedRoots(settings.dataDir), ...(settings.protectedRoots ?? [])];
}

/**
 * At write time, on the real path: `dir` (which exists) must lie inside a real output root and outside every
 * protected root. A symbolic link planted after submission is caught here.
 */
export async function assertWritableDir(dir: string, settings: SinkSettings): Promise<void> {
  const real = await realpath(dir);
  const roots = await Promise.all(settings.outputRoots.map((r) => realpath(r).catch(() => path.resolve(r))));
  if (!roots.some((root) => isWithin(real, root))) {
    throw new Error(`refusing to write in ${dir}: it resolves to ${real}, outside the allowed output directories (${roots.join(', ')})`);
  }
  const denied = await protectedRootOf(real, allProtectedRoots(settings));
  if (denied) throw new Error(`refusing to write in ${dir}: it resolves to ${real}, inside ${denied}, which holds the service's own state`);
}

/** `dir` itself if it exists, else its deepest existing ancestor. */
function deepestExisting(dir: string): string {
  let existing = dir;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return existing;
}

/** The real path of the deepest existing ancestor of `dir`, followed by the rest of `dir`: one spelling per directory. */
export function realOfDeepestExisting(dir: string): string {
  const existing = deepestExisting(dir);
  return path.join(realpathSync(existing), path.relative(existing, dir));
}

/**
 * Symbolic links: the deepest existing ancestor of `dir`, resolved, must stay inside the resolved root that
 * lexically contains `dir`. When that ancestor lies above the root, nothing below it exists yet to redirect.
 */
function realInsideSomeRoot(dir: string, roots: string[]): boolean {
  const existing = deepestExisting(dir);
  return roots.some((root) => {
    if (!isWithin(dir, root)) return false;
    if (!isWithin(existing, root)) return true;
    return isWithin(realpathSync(existing), realpathSync(root));
  });
}
