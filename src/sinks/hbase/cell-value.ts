/**
 * A column's cell value as bytes. `binary` (the default, as the original wrote them): HBase's `Bytes.toBytes` of the
 * typed value — INTEGER a 4-byte big-endian int, LONG and TIMESTAMP (epoch ms) an 8-byte long, FLOAT a 4-byte IEEE
 * float (the original's FloatField held a Java float), BOOLEAN one byte (0xFF true, 0x00 false), BYTES and HASH_MD5
 * the raw bytes; every other type (strings, DATE, BIRTHDATE) its UTF-8 text, as the original put dates' string form.
 * Phoenix UNSIGNED_* or Hive `#b` mappings read these. `text`: every value's text form (textForm), readable in a shell.
 */
import type { FieldType, Value } from '../../model/types.js';
import { textForm } from '../kafka/text-form.js';

export type HBaseValueEncoding = 'binary' | 'text';
export const HBASE_VALUE_ENCODINGS: readonly HBaseValueEncoding[] = ['binary', 'text'];

/** A cell's value: text (sent as UTF-8) or bytes; null: no cell. */
export type CellValue = string | Buffer;
export type CellEncoder = (v: Value | undefined) => CellValue | null;

/** A fixed-size encoding for values `accepts`; anything else (a formula's text in a typed column) keeps its text form. */
const fixed = (size: number, accepts: (v: Value) => boolean, write: (b: Buffer, v: Value) => void): CellEncoder => (v) => {
  if (v === null || v === undefined) return null;
  if (!accepts(v)) return textForm(v);
  const b = Buffer.allocUnsafe(size);
  write(b, v);
  return b;
};

const isInt32 = (v: Value) => (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) || (typeof v === 'bigint' && BigInt.asIntN(32, v) === v);
const isInt64 = (v: Value) => (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'bigint' && BigInt.asIntN(64, v) === v) || (v instanceof Date && !Number.isNaN(v.getTime()));
const int32 = fixed(4, isInt32, (b, v) => b.writeInt32BE(Number(v)));
const int64 = fixed(8, isInt64, (b, v) => b.writeBigInt64BE(typeof v === 'bigint' ? v : BigInt(v instanceof Date ? v.getTime() : (v as number))));
const float32 = fixed(4, (v) => typeof v === 'number', (b, v) => b.writeFloatBE(v as number));
const bool = fixed(1, (v) => typeof v === 'boolean', (b, v) => b.writeUInt8(v ? 0xff : 0x00));
const bytes: CellEncoder = (v) => (v instanceof Uint8Array ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : textForm(v));

const BINARY: Partial<Record<FieldType, CellEncoder>> = {
  INTEGER: int32,
  INCREMENT_INTEGER: int32,
  LONG: int64,
  INCREMENT_LONG: int64,
  TIMESTAMP: int64,
  FLOAT: float32,
  BOOLEAN: bool,
  BYTES: bytes,
  HASH_MD5: bytes,
};

export function cellEncoder(encoding: HBaseValueEncoding, type: FieldType): CellEncoder {
  return (encoding === 'binary' ? BINARY[type] : undefined) ?? textForm;
}
