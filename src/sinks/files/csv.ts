/** The csv format: RFC 4180 files, a header line per file unless Options.CSV_HEADER is "false". */
import { chunkBytesEncoder } from './chunk-bytes.js';
import { compiledEncoder } from './compiled-encoders.js';
import { csvHeader } from './csv-encoder.js';
import { textEncoding, type FileFormat } from './file-format.js';
import { concatParts } from './part-streams.js';

export const csvFormat: FileFormat = {
  name: 'csv',
  ext: 'csv',
  validate: () => {},
  encoder(ctx, options) {
    const header = options.csvHeader ? csvHeader(ctx.columns) : '';
    const encode = compiledEncoder('csv', ctx.columns);
    return {
      file: () => textEncoding(header, chunkBytesEncoder(encode)),
      part: () => textEncoding('', chunkBytesEncoder(encode)),
      assemble: (parts, out) => concatParts(out, header, parts),
    };
  },
};
