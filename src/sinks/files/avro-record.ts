/**
 * A model's rows as Avro records, shared by the avro file sink and Kafka's avro values: the avsc type of the
 * schema (64-bit longs as bigint: avro-long.ts) and the per-kind conversion of values.
 */
import avro from 'avsc';
import type { Column, ModelDefinition, Value } from '../../model/types.js';
import { avroTypeWithBigLongs } from './avro-long.js';
import { avroFields, avroSchema, type AvroField } from './avro-schema.js';
import { asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, type ColumnKind } from './column-kinds.js';

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
  const type = avroTypeWithBigLongs(schema as avro.Schema);
  const fields = avroFields(columns).map((f, i) => ({ ...f, convert: AVRO_CONVERT[f.kind], type: columns[i]!.type }));
  return { schema, type, fields };
}
