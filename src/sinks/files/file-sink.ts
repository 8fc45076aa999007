/**
 * The local-file sink shared by every format. Per batch (default) each batch is one file <prefix>-<batch>.<ext>,
 * streamed under a temporary name and renamed on commit, so a redelivered batch replaces exactly its own file and
 * an aborted one leaves nothing. A batch split into shards (generated on several cores or machines) writes each
 * shard as a part file in a hidden per-command directory, and finalize() joins a batch's parts into its file. In
 * single-file mode every batch (or shard) is such a part and finalize() joins them all in row order: parts may
 * finish out of order and on different workers, and a redelivered one only rewrites itself.
 * Every directory is checked on its real path right before it is written in (assertWritableDir), and abort()
 * removes what a FAILED or CANCELLED command leaves half done.
 */
import { access, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { shardCount, type ShardRange } from '../../command/shards.js';
import type { OutputTarget } from '../output-target.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { buildFileAtomic, createAtomicFile } from './atomic-file.js';
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

/** A batch's part, or one shard's part of it when the batch is split (shards sort after their batch's number). */
function partName(batch: number, ext: string, shard?: ShardRange): string {
  const shardSuffix = shard && shard.count > 1 ? `-${String(shard.index).padStart(6, '0')}` : '';
  return `part-${String(batch).padStart(10, '0')}${shardSuffix}.${ext}`;
}

/** The part files of `batch`, in row order. */
function batchParts(ctx: SinkContext, partsDir: string, batch: number, ext: string): string[] {
  const count = shardCount(ctx.rowsPerBatch, ctx.shardRows);
  return Array.from({ length: count }, (_, index) => path.join(partsDir, partName(batch, ext, { index, count, firstRow: 0, rows: 0 })));
}

const isSharded = (ctx: SinkContext) => shardCount(ctx.rowsPerBatch, ctx.shardRows) > 1;

const exists = (p: string) => access(p).then(() => true, () => false);

async function assertPartsWritten(parts: string[], file: string, batch: number): Promise<void> {
  for (const part of parts) {
    if (!(await exists(part))) throw new Error(`cannot assemble ${file}: batch ${batch} was never written (${part} missing)`);
  }
}

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
      if (!t.options.oneFilePerIteration || isSharded(ctx)) {
        await rm(t.partsDir, { recursive: true, force: true });
        await mkdir(t.partsDir);
      }
    },

    async open(ctx): Promise<BatchWriter> {
      const t = target(ctx, format);
      const encoder = format.encoder(ctx, t.options);
      const perBatch = t.options.oneFilePerIteration;
      const partExt = format.partExt ?? format.ext;
      await mkdir(perBatch ? t.dir : t.partsDir, { recursive: true });
      return {
        async begin(batch, shard) {
          const whole = perBatch && shard.count === 1;
          const batchFile = path.join(t.dir, batchFileName(t.prefix, batch, format.ext));
          const file = whole ? batchFile : path.join(t.partsDir, partName(batch, partExt, shard));
          // The directory's real path, now: a link planted since submission is refused.
          await assertWritableDir(path.dirname(file), ctx.settings);
          const encoding = whole ? encoder.file() : encoder.part();
          const out = await createAtomicFile(file);
          let rows = 0;
          try {
            await out.write(encoding.head());
          } catch (err) {
            await out.abort();
            throw err;
          }
          return {
            async write(chunk) {
              rows += chunk.length;
              await out.write(encoding.chunk(chunk));
            },
            async commit() {
              await out.write(encoding.end());
              const bytes = await out.commit();
              return { rows, bytes, location: perBatch ? batchFile : t.single };
            },
            abort: () => out.abort(),
          };
        },
        close: async () => {},
      };
    },

    async finalize(ctx) {
      const t = target(ctx, format);
      const partExt = format.partExt ?? format.ext;
      await assertWritableDir(t.dir, ctx.settings);
      await removeStaleTemps(t.dir, t.prefix, format.ext);
      if (t.options.oneFilePerIteration && !isSharded(ctx)) return;
      const encoder = format.encoder(ctx, t.options);
      if (t.options.oneFilePerIteration) {
        // Each sharded batch's file from its shards' parts; a batch already joined by an earlier finalize is skipped.
        if (!(await exists(t.partsDir))) return;
        await assertWritableDir(t.partsDir, ctx.settings);
        for (let b = 0; b < ctx.batches; b++) {
          const file = path.join(t.dir, batchFileName(t.prefix, b, format.ext));
          const parts = batchParts(ctx, t.partsDir, b, partExt);
          if (!(await exists(parts[0]!)) && (await exists(file))) continue;
          await assertPartsWritten(parts, file, b);
          await buildFileAtomic(file, async (tmp) => void (await encoder.assemble(parts, tmp)));
          await Promise.all(parts.map((p) => rm(p, { force: true })));
        }
        await rm(t.partsDir, { recursive: true, force: true });
        return;
      }
      // Already assembled by an earlier finalize() of this command: nothing left to do.
      if (!(await exists(t.partsDir)) && (await exists(t.single))) return;
      await assertWritableDir(t.partsDir, ctx.settings);
      const parts: string[] = [];
      for (let b = 0; b < ctx.batches; b++) {
        const ofBatch = batchParts(ctx, t.partsDir, b, partExt);
        await assertPartsWritten(ofBatch, t.single, b);
        parts.push(...ofBatch);
      }
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
