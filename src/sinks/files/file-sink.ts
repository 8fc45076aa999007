/**
 * The local-file sink shared by every format. Per batch (default) each batch is one file <prefix>-<batch>.<ext>,
 * written under a temporary name and renamed, so a redelivered batch replaces exactly its own file. In single-file
 * mode each batch is a part file in a hidden per-command directory and finalize() joins them in batch order: batches
 * may finish out of order and on different workers, and a redelivered batch only rewrites its part.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { buildFileAtomic, writeFileAtomic } from './atomic-file.js';
import { deletePreviousOutput } from './delete-previous.js';
import type { FileFormat } from './file-format.js';
import { fileOptions, type FileOptions } from './options.js';
import { baseFilePrefix, batchFileName, filePrefix, outputDir, partsDirName } from './paths.js';

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
    single: path.join(dir, `${prefix}.${format.ext}`),
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

    async prepare(ctx) {
      const t = target(ctx, format);
      await mkdir(t.dir, { recursive: true });
      outputDir(ctx); // again, now that the directory exists: a symbolic link may have appeared
      if (t.options.deletePrevious) await deletePreviousOutput(t.dir, baseFilePrefix(ctx), format.ext);
      if (!t.options.oneFilePerIteration) {
        await rm(t.partsDir, { recursive: true, force: true });
        await mkdir(t.partsDir, { recursive: true });
      }
    },

    async open(ctx): Promise<BatchWriter> {
      const t = target(ctx, format);
      const encoder = format.encoder(ctx, t.options);
      await mkdir(t.options.oneFilePerIteration ? t.dir : t.partsDir, { recursive: true });
      return {
        async write(batch, rows) {
          const perBatch = t.options.oneFilePerIteration;
          const file = perBatch ? path.join(t.dir, batchFileName(t.prefix, batch, format.ext)) : path.join(t.partsDir, partName(batch, format.partExt ?? format.ext));
          const data = perBatch ? encoder.file(rows) : encoder.part(rows);
          await writeFileAtomic(file, data);
          return { rows: rows.length, bytes: typeof data === 'string' ? Buffer.byteLength(data) : data.byteLength, location: perBatch ? file : t.single };
        },
        close: async () => {},
      };
    },

    async finalize(ctx) {
      const t = target(ctx, format);
      if (t.options.oneFilePerIteration) return;
      // Already assembled by an earlier finalize() of this command: nothing left to do.
      if (!(await exists(t.partsDir)) && (await exists(t.single))) return;
      const parts = Array.from({ length: ctx.batches }, (_, b) => path.join(t.partsDir, partName(b, format.partExt ?? format.ext)));
      for (const [b, part] of parts.entries()) {
        if (!(await exists(part))) throw new Error(`cannot assemble ${t.single}: batch ${b} was never written (${part} missing)`);
      }
      const encoder = format.encoder(ctx, t.options);
      await buildFileAtomic(t.single, async (tmp) => void (await encoder.assemble(parts, tmp)));
      await rm(t.partsDir, { recursive: true, force: true });
    },

    describe(ctx) {
      const t = target(ctx, format);
      const files = t.options.oneFilePerIteration ? `${t.prefix}-<batch>.${format.ext}` : `${t.prefix}.${format.ext}`;
      return `${format.name} files ${path.join(t.dir, files)}`;
    },
  };
}
