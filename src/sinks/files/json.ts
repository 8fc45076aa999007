/** The json sink: JSON Lines with typed values. */
import { concatFiles } from './atomic-file.js';
import { fileSink } from './file-sink.js';
import { compiledEncoder } from './compiled-encoders.js';

export const jsonSink = fileSink({
  name: 'json',
  ext: 'json',
  validate: () => {},
  encoder(ctx) {
    const encode = compiledEncoder('json', ctx.columns);
    return { file: encode, part: encode, assemble: (parts, target) => concatFiles(target, '', parts) };
  },
});
