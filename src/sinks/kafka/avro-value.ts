/**
 * Avro binary record values for Kafka, with the same schema as the avro file sink (one nullable field per column).
 * The schema is identified either by a Confluent schema-registry id (wire format: 0x00, 4-byte big-endian id,
 * Avro binary) or, without a registry, by its SHA-256 fingerprint (of the Parsing Canonical Form) in a header.
 */
import avro from 'avsc';
import type { Column, ModelDefinition, Row, Value } from '../../model/types.js';
import { avroFields, avroSchema } from '../files/avro-schema.js';
import { asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, type ColumnKind } from '../files/column-kinds.js';

/** Avro long as bigint: the full 64-bit range (avsc's default long is a JS number and rejects unsafe integers). */
const BigLong = avro.types.LongType.__with({
  fromBuffer: (buf: Buffer) => buf.readBigInt64LE(0),
  toBuffer: (n: bigint) => {
    const buf = Buffer.alloc(8);
    buf.writeBigInt64LE(n);
    return buf;
  },
  fromJSON: (v: unknown) => BigInt(v as string),
  toJSON: (n: bigint) => Number(n),
  isValid: (n: unknown) => typeof n === 'bigint',
  compare: (a: bigint, b: bigint) => (a === b ? 0 : a < b ? -1 : 1),
});

const CONVERT: Record<ColumnKind, (v: Value) => unknown> = {
  string: asString,
  int32: asInt32,
  int64: asInt64,
  double: asDouble,
  boolean: asBoolean,
  bytes: (v) => {
    const b = asBytes(v);
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  },
  timestamp: asEpochMillis,
  date: asEpochDays,
};

export interface AvroValueEncoder {
  readonly schemaJson: string;
  /** Hex SHA-256 of the schema's Parsing Canonical Form. */
  readonly fingerprint: string;
  readonly type: avro.Type;
  encode(row: Row): Buffer;
}

export function avroValueEncoder(model: ModelDefinition, columns: Column[]): AvroValueEncoder {
  const schema = avroSchema(model, columns);
  // typeHook, not registry: the registry does not reach longs written as {type: 'long', logicalType}.
  const type = avro.Type.forSchema(schema as avro.Schema, {
    typeHook: (s) => (s === 'long' || (s as { type?: unknown }).type === 'long' ? BigLong : undefined),
  });
  const fields = avroFields(columns).map((f) => ({ ...f, convert: CONVERT[f.kind] }));
  let scratch = Buffer.allocUnsafe(64 * 1024);
  return {
    schemaJson: JSON.stringify(schema),
    fingerprint: type.fingerprint('sha256').toString('hex'),
    type,
    encode(row) {
      const rec: Record<string, unknown> = {};
      for (const f of fields) {
        const v = row[f.column];
        rec[f.name] = v === null || v === undefined ? null : f.convert(v);
      }
      let end = type.encode(rec, scratch, 0);
      if (end < 0) {
        scratch = Buffer.allocUnsafe(scratch.length * 2 - end);
        end = type.encode(rec, scratch, 0);
      }
      return Buffer.from(scratch.subarray(0, end));
    },
  };
}

/** Confluent wire format: magic byte 0, schema id as a 4-byte big-endian integer, then the Avro binary. */
export function confluentFrame(schemaId: number, payload: Buffer): Buffer {
  const out = Buffer.allocUnsafe(5 + payload.length);
  out[0] = 0;
  out.writeInt32BE(schemaId, 1);
  payload.copy(out, 5);
  return out;
}
