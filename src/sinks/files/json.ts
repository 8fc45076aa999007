/** The json format: JSON Lines with typed values. */
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
      file: () => textEncoding('', encode),
      part: () => textEncoding('', encode),
      assemble: (parts, out) => concatParts(out, '', parts),
    };
  },
};
