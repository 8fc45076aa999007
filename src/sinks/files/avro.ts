/**
 * The avro sink: object container files. Part files of one command share a sync marker derived from the command,
 * so the single file is the first part followed by the data blocks of the others: no re-encoding.
 */
import { writeFile } from 'node:fs/promises';
import { concatFiles } from './atomic-file.js';
import { avroEncoder, avroHeader, syncMarker } from './avro-encoder.js';
import { avroSchema } from './avro-schema.js';
import { fileSink } from './file-sink.js';

export const avroSink = fileSink({
  name: 'avro',
  ext: 'avro',
  validate: (ctx) => void avroSchema(ctx.model, ctx.columns),
  encoder(ctx) {
    const avro = avroEncoder(ctx.model, ctx.columns);
    const sync = syncMarker(ctx.commandUuid);
    const encode = (rows: Parameters<typeof avro.encodeFile>[0]) => avro.encodeFile(rows, sync);
    return {
      file: encode,
      part: encode,
      async assemble(parts, target) {
        if (!parts.length) {
          const empty = encode([]);
          await writeFile(target, empty);
          return empty.byteLength;
        }
        let first = true;
        return concatFiles(target, '', parts, (bytes) => {
          const header = avroHeader(bytes);
          if (!header.sync.equals(sync) || header.schemaJson !== avro.schemaJson) {
            throw new Error('an Avro part file was written for another command or schema');
          }
          const skip = first ? 0 : header.length; // the first part keeps its header
          first = false;
          return skip;
        });
      },
    };
  },
});
