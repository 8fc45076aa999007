/**
 * The orc format: ORC files from our own streaming writer (orc/: no npm package writes ORC), a stripe per
 * ORC_STRIPE_ROWS rows or ORC_STRIPE_SIZE bytes, compressed as ORC_COMPRESSION says. Parts hold rows in V8 frames as
 * Parquet's do, and a joined file is written afresh from them: an ORC footer indexes every stripe.
 */
import { deserialize } from 'node:v8';
import type { Row } from '../../model/types.js';
import type { FileFormat } from './file-format.js';
import { orcOptions } from './orc/orc-options.js';
import { orcWriter } from './orc/orc-writer.js';
import { PARQUET_PART_EXT, parquetPartEncoding } from './parquet-assemble.js';
import { partFrames } from './part-streams.js';

export const orcFormat: FileFormat = {
  name: 'orc',
  ext: 'orc',
  partExt: PARQUET_PART_EXT,
  validate: (ctx) => void orcOptions(ctx.model),
  encoder(ctx) {
    const options = orcOptions(ctx.model);
    return {
      file: () => orcWriter(ctx.columns, options),
      part: parquetPartEncoding,
      async assemble(parts, out) {
        const orc = orcWriter(ctx.columns, options);
        await out.write(orc.head());
        for (const part of parts) {
          for await (const frame of partFrames(part, 'an ORC part')) await out.write(orc.chunk(deserialize(frame) as Row[]));
        }
        await out.write(orc.end());
      },
    };
  },
};
