/**
 * ORC generic compression (ORCv1 "Compression"): a compressed stream is a sequence of chunks of at most the block
 * size, each compressed on its own behind a 3-byte little-endian header (length * 2, + 1 when the chunk is
 * stored as is because compressing did not make it smaller). NONE writes streams without headers.
 */
import zlib from 'node:zlib';
import { snappyCompress } from '../snappy.js';

export type OrcCompression = 'NONE' | 'ZLIB' | 'SNAPPY' | 'ZSTD';

/** PostScript's CompressionKind values. */
export const COMPRESSION_KIND: Record<OrcCompression, number> = { NONE: 0, ZLIB: 1, SNAPPY: 2, ZSTD: 5 };

/** A chunk's length must fit the header's 23 bits. */
export const MAX_BLOCK_SIZE = 2 ** 23 - 1;

const CODECS: Record<Exclude<OrcCompression, 'NONE'>, (chunk: Uint8Array) => Uint8Array> = {
  ZLIB: (chunk) => zlib.deflateRawSync(chunk),
  // A raw Snappy block per chunk (no framing format), as Parquet pages hold.
  SNAPPY: snappyCompress,
  ZSTD: (chunk) => zlib.zstdCompressSync(chunk),
};

/** The bytes of `data` as written in the file: compressed chunks with their headers, or `data` itself for NONE. */
export function compressStream(data: Uint8Array, compression: OrcCompression, blockSize: number): Uint8Array[] {
  if (compression === 'NONE') return data.length ? [data] : [];
  const codec = CODECS[compression];
  const parts: Uint8Array[] = [];
  for (let start = 0; start < data.length; start += blockSize) {
    const chunk = data.subarray(start, Math.min(data.length, start + blockSize));
    const packed = codec(chunk);
    const original = packed.length >= chunk.length;
    const body = original ? chunk : packed;
    const header = body.length * 2 + (original ? 1 : 0);
    parts.push(Uint8Array.of(header & 0xff, (header >>> 8) & 0xff, (header >>> 16) & 0xff), body);
  }
  return parts;
}

export function byteLength(parts: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of parts) n += p.length;
  return n;
}
