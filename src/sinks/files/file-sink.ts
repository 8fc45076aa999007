/**
 * The local-file sink shared by every format. Per batch (default) each batch is one file <prefix>-<batch>.<ext>,
 * written under a temporary name and renamed, so a redelivered batch replaces exactly its own file. In single-file
 * mode each batch is a part file in a hidden per-command directory and finalize() joins them in batch order: batches
 * may finish out of order and on different workers, and a redelivered batch only rewrites its part.
 * Every directory is checked on its real path right before it is written in (assertWritableDir), and abort()
 * removes what a FAILED or CANCELLED command leaves half done.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { OutputTarget } from '../output-target.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { buildFileAtomic, writeFileAtomic } from './atomic-file.js';
import { deletePreviousOutput, removeStaleTemps } from './delete-previous.js';
import type { FileFormat } from './file-format.js';
import { fileOptions, type FileOptions } from './options.js';
import {
  assertWritableDir, baseFilePrefix, batchFileName, executionNumber, filePrefix, outputDir, partsDirName, realOfDeepestExisting, singleFileName,
} from './paths.js';

interface Target {
  dir: string;
  prefix: string;
  options: FileOptions;
  /** Single-file mode: the file, and the directory of its parts. */
  single: string;
  partsDir: string;
}

function target(ctx: SinkContext, format: FileFormat): Target {
  const dir = outputDir(ctx);
  const prefix = filePrefix(ctx);
  return {
    dir,
    prefix,
    options: fileOptions(ctx.model),
    single: path.join(dir, singleFileName(prefix, format.ext)),
    partsDir: path.join(dir, partsDirName(prefix, format.ext, ctx.commandUuid)),
  };
}

function partName(batch: number, ext: string): string {
  return `part-${String(batch).padStart(10, '0')}.${ext}`;
}

const exists = (p: string) => access(p).then(() => true, () => false);

export function fileSink(format: FileFormat): Sink {
  return {
    name: format.name,

    validate(ctx) {
      const t = target(ctx, format);
      format.validate(ctx, t.options);
    },

    outputTarget(ctx): OutputTarget {
      const t = target(ctx, format);
      const execution = executionNumber(ctx);
      return {
        dir: realOfDeepestExisting(t.dir),
        base: baseFilePrefix(ctx),
        ext: format.ext,
        ...(execution !== undefined ? { execution } : {}),
        deletesPrevious: t.options.deletePrevious,
      };
    },

    async prepare(ctx) {
      const t = target(ctx, format);
      await mkdir(t.dir, { recursive: true });
      await assertWritableDir(t.dir, ctx.settings);
      if (t.options.deletePrevious) await deletePreviousOutput(t.dir, baseFilePrefix(ctx), format.ext);
      if (!t.options.oneFilePerIteration) {
        await rm(t.partsDir, { recursive: true, force: true });
        await mkdir(t.partsDir);
      }
    },

    async open(ctx): Promise<BatchWriter> {
      const t = target(ctx, format);
      const encoder = format.encoder(ctx, t.options);
      const perBatch = t.options.oneFilePerIteration;
      await mkdir(perBatch ? t.dir : t.partsDir, { recursive: true });
      return {
        async write(batch, rows) {
          const file = perBatch ? path.join(t.dir, batchFileName(t.prefix, batch, format.ext)) : path.join(t.partsDir, partName(batch, format.partExt ?? format.ext));
          const data = perBatch ? encoder.file(rows) : encoder.part(rows);
          // The directory's real path, now: a link planted since submission is refused.
          await assertWritableDir(path.dirname(file), ctx.settings);
          await writeFileAtomic(file, data);
          return { rows: rows.length, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, location: perBatch ? file : t.single };
        },
        close: async () => {},
      };
    },

    async finalize(ctx) {
      const t = target(ctx, format);
      await assertWritableDir(t.dir, ctx.settings);
      await removeStaleTemps(t.dir, t.prefix, format.ext);
      if (t.options.oneFilePerIteration) return;
      // Already assembled by an earlier finalize() of this command: nothing left to do.
      if (!(await exists(t.partsDir)) && (await exists(t.single))) return;
      await assertWritableDir(t.partsDir, ctx.settings);
      const parts = Array.from({ length: ctx.batches }, (_, b) => path.join(t.partsDir, partName(b, format.partExt ?? format.ext)));
      for (const [b, part] of parts.entries()) {
        if (!(await exists(part))) throw new Error(`cannot assemble ${t.single}: batch ${b} was never written (${part} missing)`);
      }
      const encoder = format.encoder(ctx, t.options);
      await buildFileAtomic(t.single, async (tmp) => void (await encoder.assemble(parts, tmp)));
      await rm(t.partsDir, { recursive: true, force: true });
    },

    async abort(ctx) {
      const t = target(ctx, format);
      if (!(await exists(t.dir))) return;
      // Never clean up through a directory that now resolves elsewhere.
      await assertWritableDir(t.dir, ctx.settings);
      await rm(t.partsDir, { recursive: true, force: true });
      await removeStaleTemps(t.dir, t.prefix, format.ext);
    },

    describe(ctx) {
      const t = target(ctx, format);
      const files = t.options.oneFilePerIteration ? `${t.prefix}-<batch>.${format.ext}` : singleFileName(t.prefix, format.ext);
      return `${format.name} files ${path.join(t.dir, files)}`;
    },
  };
}
