/**
 * ORC generic compression read back (the writer's compression.ts): a stream is chunks behind 3-byte headers
 * (length * 2, + 1 for a chunk stored as is), each decompressed on its own. NONE has no headers.
 */
import zlib from 'node:zlib';
import { snappyUncompress } from 'hyparquet';
import { readVarint } from './proto-fields.js';
import { lz4BlockDecompress } from './lz4-block.js';

/** PostScript's CompressionKind values and their names. */
export const COMPRESSION_NAMES = ['NONE', 'ZLIB', 'SNAPPY', 'LZO', 'LZ4', 'ZSTD'] as const;

type Codec = (chunk: Uint8Array, blockSize: number) => Uint8Array;

function snappy(chunk: Uint8Array): Uint8Array {
  const [length] = readVarint(chunk, 0);
  const out = new Uint8Array(length);
  snappyUncompress(chunk, out);
  return out;
}

const CODECS: Partial<Record<number, Codec>> = {
  1: (chunk) => zlib.inflateRawSync(chunk),
  2: snappy,
  4: lz4BlockDecompress,
  5: (chunk) => zlib.zstdDecompressSync(chunk),
};

/** Whether streams of compression `kind` can be read, or why not. */
export function unsupportedCompression(kind: number): string | null {
  if (kind === 0 || CODECS[kind]) return null;
  return `compression ${COMPRESSION_NAMES[kind] ?? kind} is not read here (NONE, ZLIB, SNAPPY, LZ4 and ZSTD are)`;
}

export function decompress(data: Uint8Array, kind: number, blockSize: number): Uint8Array {
  if (kind === 0) return data;
  const codec = CODECS[kind]!;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let pos = 0; pos < data.length; ) {
    if (pos + 3 > data.length) throw new Error('a compressed chunk header runs past the end of its stream');
    const header = data[pos]! | (data[pos + 1]! << 8) | (data[pos + 2]! << 16);
    const length = header >>> 1;
    const chunk = data.subarray(pos + 3, pos + 3 + length);
    if (chunk.length !== length) throw new Error('a compressed chunk runs past the end of its stream');
    const part = header & 1 ? chunk : codec(chunk, blockSize);
    parts.push(part);
    total += part.length;
    pos += 3 + length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
