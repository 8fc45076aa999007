/** The parquet sink: SNAPPY-compressed Parquet with typed columns and the PARQUET_* options of the original. */
import { fileSink } from './file-sink.js';
import { assembleParquet } from './parquet-assemble.js';
import { parquetEncoder } from './parquet-encoder.js';

export const parquetSink = fileSink({
  name: 'parquet',
  ext: 'parquet',
  validate: () => {},
  encoder(ctx, options) {
    const parquet = parquetEncoder(ctx.columns, options);
    return {
      file: (rows) => parquet.encodeFile(rows),
      part: (rows) => parquet.encodeFile(rows),
      assemble: (parts, target) => assembleParquet(parquet, parts, target),
    };
  },
});
