/**
 * Reading part files back as streams, for joining them into one file on any destination: concatenation with a
 * head (JSON Lines, CSV), a prefix parsed and skipped (an Avro part's header), length-prefixed frames (Parquet parts).
 * A part is never held whole: at most one frame or one header.
 */
import type { ByteStream } from '../destinations/destination.js';

/** A part file's bytes, in order; called once per read. */
export type PartReader = () => AsyncIterable<Uint8Array>;

export async function concatParts(out: ByteStream, head: Uint8Array | string, parts: PartReader[], skip?: (part: PartReader) => PartSkip): Promise<void> {
  if (head.length) await out.write(head);
  for (const part of parts) {
    const cut = skip?.(part);
    let pending: Buffer | undefined = cut ? Buffer.alloc(0) : undefined;
    for await (const chunk of part()) {
      if (!pending) {
        await out.write(chunk);
        continue;
      }
      // Still reading the prefix to skip: once it is whole, write what follows it.
      pending = Buffer.concat([pending, chunk]);
      const length = cut!(pending);
      if (length === undefined) continue;
      if (pending.length > length) await out.write(pending.subarray(length));
      pending = undefined;
    }
    if (pending) cut!(pending, true);
  }
}

/** Given a part's first bytes: how many to skip, or undefined when more are needed (`end`: no more will come). */
export type PartSkip = (start: Buffer, end?: boolean) => number | undefined;

/** The frames of a part written as [4-byte big-endian length, body]*. */
export async function* partFrames(part: PartReader, name = 'part'): AsyncGenerator<Buffer> {
  let buf = Buffer.alloc(0);
  for await (const chunk of part()) {
    buf = buf.length ? Buffer.concat([buf, chunk]) : Buffer.from(chunk);
    while (buf.length >= 4) {
      const length = buf.readUInt32BE(0);
      if (buf.length < 4 + length) break;
      yield buf.subarray(4, 4 + length);
      buf = buf.subarray(4 + length);
    }
  }
  if (buf.length) throw new Error(`${name} is truncated`);
}
