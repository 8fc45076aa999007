/**
 * A model's rows as Avro records, shared by the avro file sink and Kafka's avro values: the avsc type of the
 * schema (with 64-bit longs as bigint) and the per-kind conversion of values.
 */
import avro from 'avsc';
import type { Column, ModelDefinition, Value } from '../../model/types.js';
import { avroFields, avroSchema, type AvroField } from './avro-schema.js';
import { asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, type ColumnKind } from './column-kinds.js';

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

export const AVRO_CONVERT: Record<ColumnKind, (v: Value) => unknown> = {
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

export interface AvroRecordType {
  schema: ReturnType<typeof avroSchema>;
  type: avro.Type;
  fields: (AvroField & { convert: (v: Value) => unknown; type: Column['type'] })[];
}

export function avroRecordType(model: ModelDefinition, columns: Column[]): AvroRecordType {
  const schema = avroSchema(model, columns);
  // typeHook, not registry: the registry does not reach longs written as {type: 'long', logicalType}.
  const type = avro.Type.forSchema(schema as avro.Schema, {
    typeHook: (s) => (s === 'long' || (s as { type?: unknown }).type === 'long' ? BigLong : undefined),
  });
  const fields = avroFields(columns).map((f, i) => ({ ...f, convert: AVRO_CONVERT[f.kind], type: columns[i]!.type }));
  return { schema, type, fields };
}
