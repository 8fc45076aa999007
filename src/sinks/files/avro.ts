/**
 * The avro sink: object container files, one or more data blocks per chunk of rows. Part files of one command share
 * a sync marker derived from the command, so a joined file is the first part followed by the data blocks of the
 * others: no re-encoding.
 */
import { open } from 'node:fs/promises';
import { concatFiles } from './atomic-file.js';
import { avroEncoder, avroHeader, syncMarker } from './avro-encoder.js';
import { avroSchema } from './avro-schema.js';
import type { FileEncoding } from './file-format.js';
import { fileSink } from './file-sink.js';

/** The header of an Avro file, read from its start (it holds the schema, so it can be long). */
async function readHeader(file: string): Promise<ReturnType<typeof avroHeader>> {
  const handle = await open(file, 'r');
  try {
    for (let size = 64 * 1024; ; size *= 4) {
      const buf = Buffer.alloc(size);
      const { bytesRead } = await handle.read(buf, 0, size, 0);
      try {
        return avroHeader(buf.subarray(0, bytesRead));
      } catch (err) {
        if (bytesRead < size) throw err;
      }
    }
  } finally {
    await handle.close();
  }
}

export const avroSink = fileSink({
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
      async assemble(parts, target) {
        if (!parts.length) return concatFiles(target, avro.header(sync), []);
        let first = true;
        return concatFiles(target, '', parts, async (part) => {
          const header = await readHeader(part);
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
