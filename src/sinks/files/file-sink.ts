/**
 * The file sink of every format × storage pairing (json, hdfs_csv, s3_parquet...). Per batch (default) each batch is
 * one file <prefix>-<batch>.<ext>, streamed to the destination and made visible on commit, so a redelivered batch
 * replaces exactly its own file and an aborted one leaves nothing. A batch split into shards (generated on several
 * cores or machines) writes each shard as a part file in a hidden per-command directory, and finalize() joins a
 * batch's parts into its file. In single-file mode every batch (or shard) is such a part and finalize() joins them
 * all in row order: parts may finish out of order and on different workers, and a redelivered one only rewrites
 * itself. abort() removes what a FAILED or CANCELLED command leaves half done.
 */
import path from 'node:path';
import { shardCount, type ShardRange } from '../../command/shards.js';
import type { Destination } from '../destinations/destination.js';
import type { OutputTarget } from '../output-target.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { deletePreviousOutput, removeStaleTemps } from './delete-previous.js';
import type { FileFormat, FormatEncoder } from './file-format.js';
import type { FileStorage, FileTarget } from './file-storage.js';
import { fileOptions, type FileOptions } from './options.js';
import { batchFileName, executionNumber, executionPrefix, partsDirName, singleFileName } from './paths.js';
import type { PartReader } from './part-streams.js';

const join = path.posix.join;

interface Layout extends FileTarget {
  /** The base prefix, followed by the schedule execution's part when there is one. */
  prefix: string;
  options: FileOptions;
  /** Single-file mode: the file, and the directory of its parts. */
  single: string;
  partsDir: string;
}

function layout(ctx: SinkContext, format: FileFormat, storage: FileStorage): Layout {
  const t = storage.target(ctx);
  const execution = executionNumber(ctx);
  const prefix = execution === undefined ? t.base : executionPrefix(t.base, execution);
  return {
    ...t,
    prefix,
    options: fileOptions(ctx.model),
    single: join(t.dir, singleFileName(prefix, format.ext)),
    partsDir: join(t.dir, partsDirName(prefix, format.ext, ctx.commandUuid)),
  };
}

/** A batch's part, or one shard's part of it when the batch is split (shards sort after their batch's number). */
function partName(batch: number, ext: string, shard?: Pick<ShardRange, 'index' | 'count'>): string {
  const shardSuffix = shard && shard.count > 1 ? `-${String(shard.index).padStart(6, '0')}` : '';
  return `part-${String(batch).padStart(10, '0')}${shardSuffix}.${ext}`;
}

/** The part files of `batch`, in row order. */
function batchParts(ctx: SinkContext, partsDir: string, batch: number, ext: string): string[] {
  const count = shardCount(ctx.rowsPerBatch, ctx.shardRows);
  return Array.from({ length: count }, (_, index) => join(partsDir, partName(batch, ext, { index, count })));
}

const isSharded = (ctx: SinkContext) => shardCount(ctx.rowsPerBatch, ctx.shardRows) > 1;

async function assertPartsWritten(dest: Destination, parts: string[], file: string, batch: number): Promise<void> {
  for (const part of parts) {
    if (!(await dest.exists(part))) throw new Error(`cannot assemble ${dest.describe(file)}: batch ${batch} was never written (${dest.describe(part)} missing)`);
  }
}

/** Joins `parts` into `file` on the destination; the file appears only once whole. */
async function assemble(dest: Destination, encoder: FormatEncoder, parts: string[], file: string): Promise<void> {
  const out = await dest.create(file);
  try {
    await encoder.assemble(parts.map((p): PartReader => () => dest.read(p)), out);
    await out.commit();
  } catch (err) {
    await out.abort().catch(() => {});
    throw err;
  }
}

/** Runs `step` with the command's destination, closed after. */
async function withLayout<T>(ctx: SinkContext, format: FileFormat, storage: FileStorage, step: (l: Layout) => Promise<T>): Promise<T> {
  const l = layout(ctx, format, storage);
  try {
    return await step(l);
  } finally {
    await l.destination.close();
  }
}

export function fileSink(format: FileFormat, storage: FileStorage): Sink {
  const partExt = format.partExt ?? format.ext;
  return {
    name: `${storage.servicePrefix}${format.name}`,

    validate(ctx) {
      storage.validate?.(ctx);
      const l = layout(ctx, format, storage);
      format.validate(ctx, l.options);
    },

    ...(storage.outputTarget
      ? {
          outputTarget(ctx: SinkContext): OutputTarget {
            const l = layout(ctx, format, storage);
            return storage.outputTarget!(ctx, l, format.ext, l.options.deletePrevious);
          },
        }
      : {}),

    prepare: (ctx) =>
      withLayout(ctx, format, storage, async (l) => {
        const dest = l.destination;
        await dest.makeDir(l.dir);
        if (l.options.deletePrevious) await deletePreviousOutput(dest, l.dir, l.base, format.ext);
        if (!l.options.oneFilePerIteration || isSharded(ctx)) {
          await dest.removeDir(l.partsDir);
          await dest.makeDir(l.partsDir);
        }
      }),

    async open(ctx): Promise<BatchWriter> {
      const l = layout(ctx, format, storage);
      const dest = l.destination;
      const encoder = format.encoder(ctx, l.options);
      const perBatch = l.options.oneFilePerIteration;
      await dest.makeDir(perBatch ? l.dir : l.partsDir);
      return {
        async begin(batch, shard) {
          const whole = perBatch && shard.count === 1;
          const batchFile = join(l.dir, batchFileName(l.prefix, batch, format.ext));
          const file = whole ? batchFile : join(l.partsDir, partName(batch, partExt, shard));
          const encoding = whole ? encoder.file() : encoder.part();
          const out = await dest.create(file);
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
              const bytes = encoding.chunk(chunk);
              await out.write(bytes);
              if (out.releasesWrittenBytes) encoding.recycle?.(bytes);
            },
            async commit() {
              await out.write(encoding.end());
              const bytes = await out.commit();
              return { rows, bytes, location: dest.describe(perBatch ? batchFile : l.single) };
            },
            abort: () => out.abort(),
          };
        },
        close: () => dest.close(),
      };
    },

    finalize: (ctx) =>
      withLayout(ctx, format, storage, async (l) => {
        const dest = l.destination;
        await removeStaleTemps(dest, l.dir, l.prefix, format.ext);
        if (l.options.oneFilePerIteration && !isSharded(ctx)) return;
        const encoder = format.encoder(ctx, l.options);
        if (l.options.oneFilePerIteration) {
          // Each sharded batch's file from its shards' parts; a batch joined by an earlier finalize is skipped.
          for (let b = 0; b < ctx.batches; b++) {
            const file = join(l.dir, batchFileName(l.prefix, b, format.ext));
            const parts = batchParts(ctx, l.partsDir, b, partExt);
            if (!(await dest.exists(parts[0]!)) && (await dest.exists(file))) continue;
            await assertPartsWritten(dest, parts, file, b);
            await assemble(dest, encoder, parts, file);
            await Promise.all(parts.map((p) => dest.remove(p)));
          }
          await dest.removeDir(l.partsDir);
          return;
        }
        // Already assembled by an earlier finalize() of this command: nothing left to do.
        const partsLeft = (await dest.list(l.partsDir)).length > 0;
        if (!partsLeft && (await dest.exists(l.single))) return;
        const parts: string[] = [];
        for (let b = 0; b < ctx.batches; b++) {
          const ofBatch = batchParts(ctx, l.partsDir, b, partExt);
          await assertPartsWritten(dest, ofBatch, l.single, b);
          parts.push(...ofBatch);
        }
        await assemble(dest, encoder, parts, l.single);
        await dest.removeDir(l.partsDir);
      }),

    abort: (ctx) =>
      withLayout(ctx, format, storage, async (l) => {
        await l.destination.removeDir(l.partsDir);
        await removeStaleTemps(l.destination, l.dir, l.prefix, format.ext);
      }),

    describe(ctx) {
      const l = layout(ctx, format, storage);
      const files = l.options.oneFilePerIteration ? `${l.prefix}-<batch>.${format.ext}` : singleFileName(l.prefix, format.ext);
      // The service's name (s3_csv, adls_json...) leads, so a failure's comment names the sink as Kafka's and HBase's do.
      return `${storage.servicePrefix}${format.name} files ${l.destination.describe(join(l.dir, files))}`;
    },
  };
}
