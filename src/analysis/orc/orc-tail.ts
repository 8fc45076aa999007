/**
 * An ORC file's tail (ORCv1 "File Tail"): the PostScript (its length the file's last byte), the Footer it places
 * (stripes, types, row count) and each stripe's footer (its streams in file order and the column encodings).
 * Read from a ranged buffer: only the tail, then one stripe footer at a time.
 */
import type { AsyncBuffer } from 'hyparquet';
import { decompress, unsupportedCompression } from './decompress.js';
import { messages, protoFields, strings, uintField, uints } from './proto-fields.js';

export interface OrcType {
  kind: number;
  subtypes: number[];
  fieldNames: string[];
  scale: number;
}

export interface Stripe {
  offset: number;
  indexLength: number;
  dataLength: number;
  footerLength: number;
  rows: number;
}

export interface OrcTail {
  compression: number;
  blockSize: number;
  types: OrcType[];
  stripes: Stripe[];
  rows: number;
}

export interface StripeStream {
  kind: number;
  column: number;
  offset: number;
  length: number;
}

export interface StripeFooter {
  streams: StripeStream[];
  encodings: { kind: number; dictionarySize: number }[];
  timeZone: string;
}

/** How much of the end is read at first: the PostScript and, in most files, the Footer. */
const TAIL_GUESS = 16 * 1024;
const DEFAULT_BLOCK_SIZE = 256 * 1024;

export class OrcFormatError extends Error {}

export async function readBytes(file: AsyncBuffer, start: number, end: number): Promise<Uint8Array> {
  if (start < 0 || end > file.byteLength || start > end) throw new OrcFormatError(`bytes ${start}..${end} lie outside the file (${file.byteLength} bytes)`);
  return new Uint8Array(await file.slice(start, end));
}

export async function readTail(file: AsyncBuffer): Promise<OrcTail> {
  const size = file.byteLength;
  if (size < 4) throw new OrcFormatError('it is too short');
  const tailStart = Math.max(0, size - TAIL_GUESS);
  const tail = await readBytes(file, tailStart, size);
  const psLength = tail[tail.length - 1]!;
  if (psLength + 1 > tail.length) throw new OrcFormatError('its PostScript length is larger than the file');
  let ps;
  try {
    ps = protoFields(tail.subarray(tail.length - 1 - psLength, tail.length - 1));
  } catch {
    throw new OrcFormatError('its PostScript is not a protobuf message: it has no ORC tail');
  }
  if (strings(ps, 8000)[0] !== 'ORC') throw new OrcFormatError('its PostScript has no ORC magic');
  const compression = uintField(ps, 2);
  const unsupported = unsupportedCompression(compression);
  if (unsupported) throw new OrcFormatError(unsupported);
  const blockSize = uintField(ps, 3, DEFAULT_BLOCK_SIZE);
  const footerLength = uintField(ps, 1);
  const footerEnd = size - 1 - psLength;
  const footerStart = footerEnd - footerLength;
  const raw = footerStart >= tailStart ? tail.subarray(footerStart - tailStart, footerEnd - tailStart) : await readBytes(file, footerStart, footerEnd);
  const footer = protoFields(decompress(raw, compression, blockSize));
  const types = messages(footer, 4).map((t) => ({ kind: uintField(t, 1), subtypes: uints(t, 2), fieldNames: strings(t, 3), scale: uintField(t, 6) }));
  const stripes = messages(footer, 3).map((s) => ({
    offset: uintField(s, 1),
    indexLength: uintField(s, 2),
    dataLength: uintField(s, 3),
    footerLength: uintField(s, 4),
    rows: uintField(s, 5),
  }));
  if (types[0]?.kind !== 12) throw new OrcFormatError('its root type is not a struct');
  return { compression, blockSize, types, stripes, rows: uintField(footer, 6) };
}

export async function readStripeFooter(file: AsyncBuffer, tail: OrcTail, stripe: Stripe): Promise<StripeFooter> {
  const start = stripe.offset + stripe.indexLength + stripe.dataLength;
  const footer = protoFields(decompress(await readBytes(file, start, start + stripe.footerLength), tail.compression, tail.blockSize));
  let offset = stripe.offset;
  const streams = messages(footer, 1).map((s) => {
    const stream = { kind: uintField(s, 1), column: uintField(s, 2), offset, length: uintField(s, 3) };
    offset += stream.length;
    return stream;
  });
  const encodings = messages(footer, 2).map((e) => ({ kind: uintField(e, 1), dictionarySize: uintField(e, 2) }));
  return { streams, encodings, timeZone: strings(footer, 3)[0] ?? '' };
}
