/**
 * Avro binary record values for Kafka, with the same schema as the avro file sink (one nullable field per column).
 * The schema is identified either by a Confluent schema-registry id (wire format: 0x00, 4-byte big-endian id,
 * Avro binary) or, without a registry, by its SHA-256 fingerprint (of the Parsing Canonical Form) in a header.
 */
import avro from 'avsc';
import type { Column, ModelDefinition, Row } from '../../model/types.js';
import { avroRecordType } from '../files/avro-record.js';

export interface AvroValueEncoder {
  readonly schemaJson: string;
  /** Hex SHA-256 of the schema's Parsing Canonical Form. */
  readonly fingerprint: string;
  readonly type: avro.Type;
  encode(row: Row): Buffer;
}

export function avroValueEncoder(model: ModelDefinition, columns: Column[]): AvroValueEncoder {
  const { schema, type, fields } = avroRecordType(model, columns);
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
