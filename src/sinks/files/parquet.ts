/** The parquet format: SNAPPY-compressed Parquet with typed columns and the PARQUET_* options of the original. */
import type { FileFormat } from './file-format.js';
import { assembleParquet, PARQUET_PART_EXT, parquetPartEncoding } from './parquet-assemble.js';
import { parquetEncoder } from './parquet-encoder.js';
import { parquetFileEncoding } from './parquet-stream.js';

export const parquetFormat: FileFormat = {
  name: 'parquet',
  ext: 'parquet',
  partExt: PARQUET_PART_EXT,
  validate: () => {},
  encoder(ctx, options) {
    const parquet = parquetEncoder(ctx.columns, options);
    return {
      file: () => parquetFileEncoding(parquet),
      part: parquetPartEncoding,
      assemble: (parts, out) => assembleParquet(parquet, parts, out),
    };
  },
};
