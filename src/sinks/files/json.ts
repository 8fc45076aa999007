/** The json sink: JSON Lines with typed values. */
import { concatFiles } from './atomic-file.js';
import { compiledEncoder } from './compiled-encoders.js';
import { textEncoding } from './file-format.js';
import { fileSink } from './file-sink.js';

export const jsonSink = fileSink({
  name: 'json',
  ext: 'json',
  validate: () => {},
  encoder(ctx) {
    const encode = compiledEncoder('json', ctx.columns);
    return {
      file: () => textEncoding('', encode),
      part: () => textEncoding('', encode),
      assemble: (parts, target) => concatFiles(target, '', parts),
    };
  },
});
