/**
 * A faster drop-in for kafkajs 2.2.4's record encoder (src/protocol/recordBatch/record/v0), the producer's hot
 * path: kafkajs builds every record, and every header of it, in a fresh zero-filled 512-byte Encoder and does
 * 64-bit varlong math with Long objects, which caps one producer at about 25k records/s here. This writes the
 * same bytes (Kafka record format v2: length, attributes, timestamp and offset deltas, key, value, headers) into
 * one exactly-sized buffer (strings written straight into it), reusing the encoded headers of a headers object shared by many records.
 *
 * kafkajs is frozen (no release since 2023), so its internal module layout is stable; the produce request
 * requires the record module lazily on first use, so installing before the first send takes effect. Inputs the
 * fast path does not cover go to the original encoder. test/integration/sinks-kafka-records.test.ts checks the
 * bytes against the original for every kind of input.
 */
import { createRequire } from 'node:module';
import { uvarintSize, writeUvarint } from '../varint.js';

type HeaderValue = Buffer | string | (Buffer | string)[] | null | undefined;
type Headers = Record<string, HeaderValue>;
interface RecordArgs {
  offsetDelta?: number;
  timestampDelta?: unknown;
  key?: Buffer | string | null;
  value?: Buffer | string | null;
  headers?: Headers;
}
/** What kafkajs's record batch encoder reads from a record: an Encoder-like object with `buf` and `buffer`. */
interface EncodedRecord {
  buf: Buffer;
  buffer: Buffer;
}
type RecordEncoder = (args: RecordArgs) => EncodedRecord;

const require = createRequire(import.meta.url);
const RECORD_MODULE = require.resolve('kafkajs/src/protocol/recordBatch/record/v0');
const PRODUCE_REQUEST_MODULE = require.resolve('kafkajs/src/protocol/requests/produce/v3/request');
const ORIGINAL = Symbol.for('datagen.kafkajs.originalRecord');

function zigzag32(n: number): number {
  return ((n << 1) ^ (n >> 31)) >>> 0;
}

/** Zigzag of a 64-bit varlong for |n| < 2^31 (timestamp deltas within one batch), as an unsigned number. */
function zigzagSmallLong(n: number): number {
  return n >= 0 ? n * 2 : -n * 2 - 1;
}

const headerCache = new WeakMap<Headers, Buffer>();

/** The header section (count, then key/value pairs) of a record, cached per headers object. */
function encodeHeaders(headers: Headers): Buffer {
  const cached = headerCache.get(headers);
  if (cached) return cached;
  const pairs: [Buffer, Buffer | null][] = [];
  for (const key of Object.keys(headers)) {
    const v = headers[key];
    for (const one of Array.isArray(v) ? v : [v]) {
      pairs.push([Buffer.from(key, 'utf8'), one == null ? null : Buffer.isBuffer(one) ? one : Buffer.from(String(one), 'utf8')]);
    }
  }
  let size = uvarintSize(zigzag32(pairs.length));
  for (const [k, v] of pairs) size += uvarintSize(zigzag32(k.length)) + k.length + (v === null ? 1 : uvarintSize(zigzag32(v.length)) + v.length);
  const out = Buffer.allocUnsafe(size);
  let pos = writeUvarint(out, 0, zigzag32(pairs.length));
  for (const [k, v] of pairs) {
    pos = writeUvarint(out, pos, zigzag32(k.length));
    pos += k.copy(out, pos);
    if (v === null) pos = writeUvarint(out, pos, zigzag32(-1));
    else {
      pos = writeUvarint(out, pos, zigzag32(v.length));
      pos += v.copy(out, pos);
    }
  }
  headerCache.set(headers, out);
  return out;
}

/** Key or value as kafkajs writes it: null, raw bytes, or anything else as UTF-8 text of String(v). */
type Part = Buffer | string | null;

function partOf(v: Buffer | string | null | undefined): Part {
  if (v === null || v === undefined) return null;
  return Buffer.isBuffer(v) ? v : String(v);
}

const partLength = (p: Exclude<Part, null>) => (typeof p === 'string' ? Buffer.byteLength(p, 'utf8') : p.length);

/** Whether the fast path covers these arguments exactly as kafkajs would encode them. */
function covered(args: RecordArgs): boolean {
  const ts = args.timestampDelta ?? 0;
  const off = args.offsetDelta ?? 0;
  return typeof ts === 'number' && Number.isInteger(ts) && Math.abs(ts) < 2 ** 31 && Number.isInteger(off) && off >= 0 && off < 2 ** 31;
}

function writePart(buf: Buffer, pos: number, part: Part, length: number): number {
  pos = writeUvarint(buf, pos, zigzag32(length));
  if (part === null) return pos;
  return pos + (typeof part === 'string' ? buf.write(part, pos, length, 'utf8') : part.copy(buf, pos));
}

export function fastRecord(args: RecordArgs, original: RecordEncoder): EncodedRecord {
  if (!covered(args)) return original(args);
  const key = partOf(args.key);
  const value = partOf(args.value);
  const keyLength = key === null ? -1 : partLength(key);
  const valueLength = value === null ? -1 : partLength(value);
  const headers = encodeHeaders(args.headers ?? {});
  const ts = zigzagSmallLong((args.timestampDelta as number | undefined) ?? 0);
  const off = zigzag32(args.offsetDelta ?? 0);
  const body =
    1 +
    uvarintSize(ts) +
    uvarintSize(off) +
    (key === null ? 1 : uvarintSize(zigzag32(keyLength)) + keyLength) +
    (value === null ? 1 : uvarintSize(zigzag32(valueLength)) + valueLength) +
    headers.length;
  const bodyLen = zigzag32(body);
  const buf = Buffer.allocUnsafe(uvarintSize(bodyLen) + body);
  let pos = writeUvarint(buf, 0, bodyLen);
  buf[pos++] = 0; // attributes: unused in record format v2
  pos = writeUvarint(buf, pos, ts);
  pos = writeUvarint(buf, pos, off);
  pos = writePart(buf, pos, key, keyLength);
  pos = writePart(buf, pos, value, valueLength);
  headers.copy(buf, pos);
  return { buf, buffer: buf };
}

/** kafkajs's own record encoder, for comparisons. */
export function originalRecordEncoder(): RecordEncoder {
  const current = require(RECORD_MODULE) as RecordEncoder & { [ORIGINAL]?: RecordEncoder };
  return current[ORIGINAL] ?? current;
}

let effective: boolean | undefined;

/**
 * Puts the fast encoder in kafkajs's module cache (once). Returns false when kafkajs had already loaded its
 * produce request before: that keeps its own reference to the original, so records stay correct, only slower.
 */
export function installFastRecords(): boolean {
  if (effective !== undefined) return effective;
  effective = require.cache[PRODUCE_REQUEST_MODULE] === undefined;
  const original = originalRecordEncoder();
  require.cache[RECORD_MODULE]!.exports = Object.assign((args: RecordArgs) => fastRecord(args, original), { [ORIGINAL]: original });
  return effective;
}
