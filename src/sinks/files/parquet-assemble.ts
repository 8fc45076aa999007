/**
 * Joins Parquet parts into one file. Parts hold their rows in V8's serialization format (exact for bigint, Date and
 * byte values, and far cheaper to read back than Parquet), one length-prefixed frame per chunk; they are re-encoded
 * into row groups of the configured size, which may span parts, in row order. Parts are read a frame at a time.
 */
import { open, stat } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import { fileWriter } from 'hyparquet-writer';
import type { Row } from '../../model/types.js';
import type { FileEncoding } from './file-format.js';
import type { ParquetEncoder } from './parquet-encoder.js';
import { rowGrouper } from './parquet-stream.js';

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

async function* partFrames(part: string): AsyncGenerator<Row[]> {
  const handle = await open(part, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(4);
    for (let pos = 0; pos < size;) {
      await handle.read(head, 0, 4, pos);
      const length = head.readUInt32BE(0);
      const body = Buffer.allocUnsafe(length);
      const { bytesRead } = await handle.read(body, 0, length, pos + 4);
      if (bytesRead !== length) throw new Error(`Parquet part ${part} is truncated`);
      yield deserialize(body) as Row[];
      pos += 4 + length;
    }
  } finally {
    await handle.close();
  }
}

/** Encoding a row group is synchronous: let the caller's event loop (the orchestrator's) breathe between groups. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function assembleParquet(encoder: ParquetEncoder, parts: string[], target: string): Promise<number> {
  const pq = encoder.open(fileWriter(target));
  const groups = rowGrouper(encoder, (rows, groupRows) => void pq.write(encoder.writeOptions(encoder.columnData(rows), groupRows)));
  for (const part of parts) {
    for await (const rows of partFrames(part)) {
      groups.add(rows);
      await yieldToEventLoop();
    }
  }
  groups.flush();
  pq.finish();
  return (await stat(target)).size;
}
