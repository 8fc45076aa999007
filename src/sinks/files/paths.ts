/**
 * Where a local-file sink writes. Every path is resolved and confined to the configured output roots, so a model
 * cannot make the service write anywhere else (also not through a symbolic link inside a root).
 */
import { existsSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../../errors.js';
import { SCHEDULE_EXECUTION_PROPERTY, type SinkContext } from '../types.js';

/** The directory the command's files go to: Table_Names.LOCAL_FILE_PATH (relative: under the data dir), else <data dir>/output/<model>. */
export function outputDir(ctx: SinkContext): string {
  const configured = ctx.model.tableNames?.LOCAL_FILE_PATH;
  const dir = configured
    ? path.resolve(ctx.settings.dataDir, configured)
    : path.join(ctx.settings.dataDir, 'output', safeName(ctx.model.name));
  const roots = ctx.settings.outputRoots.map((r) => path.resolve(r));
  if (!realInsideSomeRoot(dir, roots)) {
    throw new BadRequestError(
      `Table_Names.LOCAL_FILE_PATH "${configured ?? dir}" resolves to ${dir}, which is outside the allowed output directories ` +
        `(${roots.join(', ')}); use a path under one of them or add its directory to DATAGEN_OUTPUT_ROOTS`,
      { field: 'Table_Names.LOCAL_FILE_PATH', value: configured ?? dir, allowedRoots: roots },
    );
  }
  return dir;
}

/** File name prefix: Table_Names.LOCAL_FILE_NAME, else the model name. A name, never a path. */
/**
 * The file name prefix: LOCAL_FILE_NAME or the model name; for an execution of a schedule, followed by
 * `-execution-<n>`, so that each execution keeps its files instead of overwriting the previous one's (an
 * original defect).
 */
export function filePrefix(ctx: SinkContext): string {
  const execution = ctx.settings.properties[SCHEDULE_EXECUTION_PROPERTY];
  const base = baseFilePrefix(ctx);
  return execution ? `${base}-execution-${execution.padStart(6, '0')}` : base;
}

/** LOCAL_FILE_NAME or the model name: what DELETE_PREVIOUS clears (every execution of a schedule included). */
export function baseFilePrefix(ctx: SinkContext): string {
  const configured = ctx.model.tableNames?.LOCAL_FILE_NAME;
  if (configured === undefined || configured === '') return safeName(ctx.model.name);
  if (/[/\\\0]/.test(configured) || configured.includes('..') || configured === '.') {
    throw new BadRequestError(
      `Table_Names.LOCAL_FILE_NAME "${configured}" must be a file name prefix without path separators or ".."`,
      { field: 'Table_Names.LOCAL_FILE_NAME', value: configured },
    );
  }
  return configured;
}

/** <prefix>-<batch as 10 digits>.<ext>, as the original names per-batch files. */
export function batchFileName(prefix: string, batch: number, ext: string): string {
  return `${prefix}-${String(batch).padStart(10, '0')}.${ext}`;
}

/** Hidden directory holding one command's part files until finalize() assembles the single file. */
export function partsDirName(prefix: string, ext: string, commandUuid: string): string {
  return `.${prefix}.${ext}.${safeName(commandUuid)}.parts`;
}

export function isInside(child: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(child));
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Symbolic links: the deepest existing ancestor of `dir`, resolved, must stay inside the resolved root that
 * lexically contains `dir`. When that ancestor lies above the root, nothing below it exists yet to redirect.
 */
function realInsideSomeRoot(dir: string, roots: string[]): boolean {
  let existing = dir;
  while (!existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  return roots.some((root) => {
    if (!isInside(dir, root)) return false;
    if (!isInside(existing, root)) return true;
    return isInside(realpathSync(existing), realpathSync(root));
  });
}

function safeName(name: string): string {
  const cleaned = String(name ?? '').replace(/[/\\\0]/g, '_');
  if (cleaned === '.' || cleaned === '..' || cleaned === '') return '_';
  return cleaned;
}
