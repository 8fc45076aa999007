/** A local-file sink writing one text file per batch (temporary name, then rename: idempotent per batch). */
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Row } from '../../model/types.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { batchFileName, outputDir } from './paths.js';

export interface LineEncoder {
  ext: string;
  header(ctx: SinkContext): string;
  encode(rows: Row[], ctx: SinkContext): string;
}

export function lineFileSink(name: string, encoder: LineEncoder): Sink {
  return {
    name,
    validate: (ctx) => void outputDir(ctx),
    prepare: async (ctx) => void (await mkdir(outputDir(ctx), { recursive: true })),
    finalize: async () => {},
    describe: (ctx) => `${name} files in ${outputDir(ctx)}`,
    async open(ctx): Promise<BatchWriter> {
      const dir = outputDir(ctx);
      await mkdir(dir, { recursive: true });
      return {
        async write(batch, rows) {
          const file = path.join(dir, batchFileName(ctx, batch, encoder.ext));
          const tmp = `${file}.${process.pid}.tmp`;
          const text = encoder.header(ctx) + encoder.encode(rows, ctx);
          await writeFile(tmp, text);
          await rename(tmp, file);
          return { rows: rows.length, bytes: Buffer.byteLength(text), location: file };
        },
        close: async () => {},
      };
    },
  };
}
