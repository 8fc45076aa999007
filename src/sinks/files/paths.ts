/** Where a local-file sink writes, confined to the configured output roots. */
import path from 'node:path';
import { BadRequestError } from '../../errors.js';
import type { SinkContext } from '../types.js';

export function outputDir(ctx: SinkContext): string {
  const configured = ctx.model.tableNames.LOCAL_FILE_PATH;
  const dir = configured ? path.resolve(ctx.settings.dataDir, configured) : path.join(ctx.settings.dataDir, 'output', safeName(ctx.model.name));
  if (!ctx.settings.outputRoots.some((root) => isInside(dir, root))) {
    throw new BadRequestError(
      `Table_Names.LOCAL_FILE_PATH "${configured}" is outside the allowed output directories (${ctx.settings.outputRoots.join(', ')}); set DATAGEN_OUTPUT_ROOTS to allow it`,
      { field: 'Table_Names.LOCAL_FILE_PATH' },
    );
  }
  return dir;
}

export function filePrefix(ctx: SinkContext): string {
  return safeName(ctx.model.tableNames.LOCAL_FILE_NAME || ctx.model.name);
}

export function batchFileName(ctx: SinkContext, batch: number, ext: string): string {
  return `${filePrefix(ctx)}-${String(batch).padStart(10, '0')}.${ext}`;
}

export function isInside(child: string, root: string): boolean {
  const rel = path.relative(path.resolve(root), path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function safeName(name: string): string {
  const cleaned = name.replace(/[\/\\\0]/g, '_');
  if (cleaned === '.' || cleaned === '..' || cleaned === '') return '_';
  return cleaned;
}
