/**
 * The avro format: object container files, one or more data blocks per chunk of rows. Part files of one command
 * share a sync marker derived from the command, so a joined file is the first part followed by the data blocks of
 * the others: no re-encoding.
 */
import { avroEncoder, avroHeader, syncMarker } from './avro-encoder.js';
import { avroSchema } from './avro-schema.js';
import type { FileEncoding, FileFormat } from './file-format.js';
import { concatParts, type PartSkip } from './part-streams.js';

/** A header holds the schema; past this a part is not one of ours. */
const MAX_HEADER_BYTES = 64 * 1024 * 1024;

export const avroFormat: FileFormat = {
  name: 'avro',
  ext: 'avro',
  validate: (ctx) => void avroSchema(ctx.model, ctx.columns),
  encoder(ctx) {
    const avro = avroEncoder(ctx.model, ctx.columns);
    const sync = syncMarker(ctx.commandUuid);
    const encoding = (): FileEncoding => ({ head: () => avro.header(sync), chunk: (rows) => avro.blocks(rows, sync), end: () => '' });
    return {
      file: encoding,
      part: encoding,
      async assemble(parts, out) {
        if (!parts.length) return concatParts(out, avro.header(sync), []);
        let first = true;
        await concatParts(out, '', parts, () => {
          const keepHeader = first; // the first part keeps its header
          first = false;
          const skip: PartSkip = (start, end) => {
            let header: ReturnType<typeof avroHeader>;
            try {
              header = avroHeader(start);
            } catch (err) {
              if (end || start.length > MAX_HEADER_BYTES) throw err;
              return undefined; // not all of the header yet
            }
            if (!header.sync.equals(sync) || header.schemaJson !== avro.schemaJson) {
              throw new Error('an Avro part file was written for another command or schema');
            }
            return keepHeader ? 0 : header.length;
          };
          return skip;
        });
      },
    };
  },
};
