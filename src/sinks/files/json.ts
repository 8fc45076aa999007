/** The json format: JSON Lines with typed values. */
import { chunkBytesEncoder } from './chunk-bytes.js';
import { compiledEncoder } from './compiled-encoders.js';
import { textEncoding, type FileFormat } from './file-format.js';
import { concatParts } from './part-streams.js';

export const jsonFormat: FileFormat = {
  name: 'json',
  ext: 'json',
  validate: () => {},
  encoder(ctx) {
    const encode = compiledEncoder('json', ctx.columns);
    return {
      file: () => textEncoding('', chunkBytesEncoder(encode)),
      part: () => textEncoding('', chunkBytesEncoder(encode)),
      assemble: (parts, out) => concatParts(out, '', parts),
    };
  },
};
