/**
 * Joins Parquet parts into one file. Parts hold their rows in V8's serialization format (exact for bigint, Date and
 * byte values, and far cheaper to read back than Parquet), one length-prefixed frame per chunk; they are re-encoded
 * into row groups of the configured size, which may span parts, in row order. Parts are read a frame at a time and
 * each row group is written out as soon as it is encoded.
 */
import { deserialize, serialize } from 'node:v8';
import type { Row } from '../../model/types.js';
import type { ByteStream } from '../destinations/destination.js';
import type { FileEncoding } from './file-format.js';
import type { ParquetEncoder } from './parquet-encoder.js';
import { drainingWriter, rowGrouper } from './parquet-stream.js';
import { partFrames, type PartReader } from './part-streams.js';

export const PARQUET_PART_EXT = 'rows.v8';

/** A part file: each chunk one frame (4-byte big-endian length, then the serialized rows). */
export function parquetPartEncoding(): FileEncoding {
  return {
    head: () => '',
    chunk(rows) {
      if (!rows.length) return '';
      const body = serialize(rows);
      const frame = Buffer.allocUnsafe(4 + body.length);
      frame.writeUInt32BE(body.length, 0);
      body.copy(frame, 4);
      return frame;
    },
    end: () => '',
  };
}

/** Encoding a row group is synchronous: let the caller's event loop (the orchestrator's) breathe between groups. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function assembleParquet(encoder: ParquetEncoder, parts: PartReader[], out: ByteStream): Promise<void> {
  const { writer, drain } = drainingWriter();
  const pq = encoder.open(writer);
  const groups = rowGrouper(encoder, (rows, groupRows) => void pq.write(encoder.writeOptions(encoder.columnData(rows), groupRows)));
  await out.write(drain());
  for (const part of parts) {
    for await (const frame of partFrames(part, 'a Parquet part')) {
      groups.add(deserialize(frame) as Row[]);
      await out.write(drain());
      await yieldToEventLoop();
    }
  }
  groups.flush();
  pq.finish();
  await out.write(drain());
}
