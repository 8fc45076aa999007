/**
 * A chunk's text as UTF-8 bytes, encoded a segment of rows at a time into one buffer. Why not one string per chunk:
 * `out += line` over 16k rows builds a rope of some 300k pieces that all stay reachable until the chunk is written,
 * so every scavenge promoted them and the 4 MB string flattened from them went to the old generation; a generator
 * thread spent 40% of its time in GC, mostly mark-compacts of its dictionaries (measured with --trace-gc: a
 * mark-compact every two chunks). A segment's rope dies young and the chunk never exists as a string. Same bytes as
 * Buffer.from(encode(rows)): a segment ends at a row boundary, so no surrogate pair is split.
 */
import type { Row } from '../../model/types.js';
import type { ChunkEncoder } from './compiled-encoders.js';

/** Text per segment: small enough to be a young string, large enough that the per-write cost does not show. */
const SEGMENT_CHARS = 32 * 1024;
/** UTF-8 bytes a UTF-16 code unit can take. */
const MAX_BYTES_PER_UNIT = 3;

export interface ChunkBytesEncoder {
  (rows: Row[]): Buffer;
  /** Takes back the last chunk's bytes (the destination is done with them): the next chunk reuses their buffer. */
  recycle(bytes: Uint8Array | string): void;
}

export function chunkBytesEncoder(encode: ChunkEncoder): ChunkBytesEncoder {
  // Learnt from the chunks before: rows of one model are about the same width.
  let bytesPerRow = 0;
  let charsPerRow = 256;
  /** The buffer of the last chunk handed out, and the one handed back for the next. */
  let lent: Buffer | undefined;
  let spare: Buffer | undefined;
  const encodeChunk = (rows: Row[]): Buffer => {
    const segmentRows = Math.max(1, Math.floor(SEGMENT_CHARS / charsPerRow));
    const size = Math.ceil(rows.length * bytesPerRow * 1.05) + SEGMENT_CHARS * MAX_BYTES_PER_UNIT;
    let buf: Buffer = spare && spare.length >= size ? spare : Buffer.allocUnsafe(size);
    spare = undefined;
    let at = 0;
    let chars = 0;
    for (let from = 0; from < rows.length; from += segmentRows) {
      const text = encode(rows, from, Math.min(rows.length, from + segmentRows));
      chars += text.length;
      if (buf.length - at < text.length * MAX_BYTES_PER_UNIT) {
        // Sized for the whole chunk from the rows encoded so far: the first chunk (no width learnt yet) grows its
        // buffer once or twice, not ten times over (each outgrown buffer is garbage of megabytes).
        const projected = from > 0 ? Math.ceil((at / from) * rows.length * 1.05) : 0;
        buf = grown(buf, at, Math.max(at + text.length * MAX_BYTES_PER_UNIT, projected + SEGMENT_CHARS * MAX_BYTES_PER_UNIT));
      }
      at += buf.write(text, at);
    }
    if (rows.length) {
      bytesPerRow = at / rows.length;
      charsPerRow = Math.max(1, chars / rows.length);
    }
    lent = buf;
    return buf.subarray(0, at);
  };
  return Object.assign(encodeChunk, {
    recycle(bytes: Uint8Array | string) {
      if (lent && typeof bytes !== 'string' && bytes.buffer === lent.buffer) spare = lent;
      lent = undefined;
    },
  });
}

function grown(buf: Buffer, used: number, need: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(need, Math.ceil(buf.length * 1.5)));
  buf.copy(next, 0, 0, used);
  return next;
}
