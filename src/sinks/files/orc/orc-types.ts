/** The ORC enums this writer uses (ORCv1 "Type Information", "Stripe Footer"), by their protobuf values. */
import type { ColumnKind } from '../column-kinds.js';

export const TypeKind = {
  BOOLEAN: 0,
  INT: 3,
  LONG: 4,
  DOUBLE: 6,
  STRING: 7,
  BINARY: 8,
  TIMESTAMP: 9,
  STRUCT: 12,
  DATE: 15,
} as const;

export const StreamKind = {
  PRESENT: 0,
  DATA: 1,
  LENGTH: 2,
  DICTIONARY_DATA: 3,
  SECONDARY: 5,
} as const;

export const EncodingKind = {
  DIRECT: 0,
  DIRECT_V2: 2,
  DICTIONARY_V2: 3,
} as const;

/** The ORC type of each storage kind: the project's Avro/Parquet mapping (timestamps as instants, FLOAT as double). */
export const ORC_TYPE: Record<ColumnKind, number> = {
  string: TypeKind.STRING,
  int32: TypeKind.INT,
  int64: TypeKind.LONG,
  double: TypeKind.DOUBLE,
  boolean: TypeKind.BOOLEAN,
  bytes: TypeKind.BINARY,
  timestamp: TypeKind.TIMESTAMP,
  date: TypeKind.DATE,
};
