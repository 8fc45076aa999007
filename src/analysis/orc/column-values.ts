/**
 * One column's values of a stripe's first `rows` rows, from its decompressed streams (ORCv1 "Column Encodings"):
 * the PRESENT stream marks the non-null rows, the others hold only non-null values. Integers of 64 bits are
 * bigints, smaller ones numbers; DECIMAL a number; CHAR without its padding; DATE a Date at midnight UTC; TIMESTAMP a Date (its wall clock
 * read as UTC); BINARY bytes.
 */
import { decodeBooleans, decodeBytes } from './byte-rle.js';
import { decodeInts, decodeSignedVarints } from './int-rle.js';
import { ORC_EPOCH_SECONDS } from '../../sinks/files/orc/timestamps.js';

export const Kind = {
  BOOLEAN: 0, BYTE: 1, SHORT: 2, INT: 3, LONG: 4, FLOAT: 5, DOUBLE: 6, STRING: 7, BINARY: 8, TIMESTAMP: 9,
  LIST: 10, MAP: 11, STRUCT: 12, UNION: 13, DECIMAL: 14, DATE: 15, VARCHAR: 16, CHAR: 17, TIMESTAMP_INSTANT: 18,
} as const;

export const Stream = { PRESENT: 0, DATA: 1, LENGTH: 2, DICTIONARY_DATA: 3, SECONDARY: 5 } as const;

/** The kinds of columns read (nested ones are left out of the records). */
export const READ_KINDS = new Set<number>(Object.values(Kind).filter((k) => k !== Kind.LIST && k !== Kind.MAP && k !== Kind.STRUCT && k !== Kind.UNION));

export interface ColumnStreams {
  /** The column's type kind and DECIMAL scale. */
  kind: number;
  encoding: { kind: number; dictionarySize: number };
  stream(kind: number): Uint8Array | undefined;
}

const EMPTY = new Uint8Array(0);
const utf8 = new TextDecoder();

/** DIRECT and DICTIONARY use RLE version 1; DIRECT_V2 and DICTIONARY_V2 version 2. */
const rleVersion = (c: ColumnStreams): 1 | 2 => (c.encoding.kind >= 2 ? 2 : 1);
const isDictionary = (c: ColumnStreams): boolean => c.encoding.kind === 1 || c.encoding.kind === 3;

function ints(c: ColumnStreams, kind: number, count: number, signed: boolean): bigint[] {
  return count ? decodeInts(c.stream(kind) ?? EMPTY, count, signed, rleVersion(c)) : [];
}

/** `count` byte strings laid end to end in `data`, their lengths in `lengths`. */
function slices(data: Uint8Array, lengths: bigint[]): Uint8Array[] {
  let at = 0;
  return lengths.map((l) => {
    const n = Number(l);
    if (at + n > data.length) throw new Error('string data runs past the end of its stream');
    return data.subarray(at, (at += n));
  });
}

function byteStrings(c: ColumnStreams, count: number): Uint8Array[] {
  if (!isDictionary(c)) return slices(c.stream(Stream.DATA) ?? EMPTY, ints(c, Stream.LENGTH, count, false));
  const dictionary = slices(c.stream(Stream.DICTIONARY_DATA) ?? EMPTY, ints(c, Stream.LENGTH, c.encoding.dictionarySize, false));
  return ints(c, Stream.DATA, count, false).map((i) => {
    const entry = dictionary[Number(i)];
    if (!entry) throw new Error(`dictionary index ${i} is beyond the dictionary's ${dictionary.length} entries`);
    return entry;
  });
}

/** Nanoseconds with their trailing decimal zeros folded into the low 3 bits (timestamps.ts's formatNanos). */
function parseNanos(v: bigint): number {
  const n = Number(v);
  const zeros = n & 7;
  return Math.floor(n / 8) * (zeros === 0 ? 1 : 10 ** (zeros + 1));
}

function floats(data: Uint8Array, count: number, bytes: 4 | 8): number[] {
  if (data.length < count * bytes) throw new Error('floating point data runs past the end of its stream');
  const view = new DataView(data.buffer, data.byteOffset, count * bytes);
  return Array.from({ length: count }, (_, i) => (bytes === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true)));
}

function timestamps(c: ColumnStreams, count: number): Date[] {
  const seconds = ints(c, Stream.DATA, count, true);
  const nanos = ints(c, Stream.SECONDARY, count, false);
  return seconds.map((s, i) => {
    const n = parseNanos(nanos[i]!);
    // As the Java reader: a negative time with nanoseconds is one second earlier than its seconds say.
    const secs = Number(s) + ORC_EPOCH_SECONDS;
    return new Date((secs < 0 && n > 0 ? secs - 1 : secs) * 1000 + Math.floor(n / 1e6));
  });
}

function decimals(c: ColumnStreams, count: number): number[] {
  const unscaled = count ? decodeSignedVarints(c.stream(Stream.DATA) ?? EMPTY, count) : [];
  const scales = ints(c, Stream.SECONDARY, count, true);
  return unscaled.map((u, i) => Number(u) / 10 ** Number(scales[i]));
}

function nonNullValues(c: ColumnStreams, count: number): unknown[] {
  switch (c.kind) {
    case Kind.BOOLEAN:
      return count ? decodeBooleans(c.stream(Stream.DATA) ?? EMPTY, count) : [];
    case Kind.BYTE:
      return Array.from(count ? decodeBytes(c.stream(Stream.DATA) ?? EMPTY, count) : [], (b) => (b << 24) >> 24);
    case Kind.SHORT:
    case Kind.INT:
      return ints(c, Stream.DATA, count, true).map(Number);
    case Kind.LONG:
      return ints(c, Stream.DATA, count, true);
    case Kind.FLOAT:
      return floats(c.stream(Stream.DATA) ?? EMPTY, count, 4);
    case Kind.DOUBLE:
      return floats(c.stream(Stream.DATA) ?? EMPTY, count, 8);
    case Kind.STRING:
    case Kind.VARCHAR:
      return byteStrings(c, count).map((b) => utf8.decode(b));
    case Kind.CHAR:
      // Padded to its length with spaces, which carry nothing (as Hive compares CHAR values).
      return byteStrings(c, count).map((b) => utf8.decode(b).replace(/ +$/, ''));
    case Kind.BINARY:
      return byteStrings(c, count).map((b) => b.slice());
    case Kind.DECIMAL:
      return decimals(c, count);
    case Kind.DATE:
      return ints(c, Stream.DATA, count, true).map((d) => new Date(Number(d) * 86_400_000));
    case Kind.TIMESTAMP:
    case Kind.TIMESTAMP_INSTANT:
      return timestamps(c, count);
    default:
      throw new Error(`type kind ${c.kind} is not read`);
  }
}

/** The column's value in each of the first `rows` rows, null where PRESENT says so. */
export function columnValues(c: ColumnStreams, rows: number): unknown[] {
  const presentStream = c.stream(Stream.PRESENT);
  if (!presentStream) return nonNullValues(c, rows);
  const present = decodeBooleans(presentStream, rows);
  const values = nonNullValues(c, present.filter(Boolean).length);
  let next = 0;
  return present.map((p) => (p ? values[next++] : null));
}
