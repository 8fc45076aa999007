/** The csv sink: RFC 4180 files, a header line per file unless Options.CSV_HEADER is "false". */
import { concatFiles } from './atomic-file.js';
import { compiledEncoder } from './compiled-encoders.js';
import { csvHeader } from './csv-encoder.js';
import { textEncoding } from './file-format.js';
import { fileSink } from './file-sink.js';

export const csvSink = fileSink({
  name: 'csv',
  ext: 'csv',
  validate: () => {},
  encoder(ctx, options) {
    const header = options.csvHeader ? csvHeader(ctx.columns) : '';
    const encode = compiledEncoder('csv', ctx.columns);
    return {
      file: () => textEncoding(header, encode),
      part: () => textEncoding('', encode),
      assemble: (parts, target) => concatFiles(target, header, parts),
    };
  },
});
