/**
 * Rows → Kafka record values and keys. json: one typed JSON object per record (64-bit integers as exact numbers,
 * Dates ISO, bytes hex); csv: one RFC 4180 line without line end or header; avro: Avro binary (see avro-value.ts).
 */
import type { Column, Row } from '../../model/types.js';
import { csvCell } from '../files/csv-encoder.js';
import { jsonText } from '../files/json-encoder.js';
import type { AvroValueEncoder } from './avro-value.js';
import { confluentFrame } from './avro-value.js';
import type { MessageType } from './options.js';
import { textForm } from './text-form.js';

export type ValueEncoder = (row: Row) => string | Buffer;

/** `from`: the row's keys are the column names with this prefix (a change row's before_/after_ images). */
export function jsonValueEncoder(columns: Column[], from = ''): ValueEncoder {
  const keys = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c.name) + ':');
  const names = columns.map((c) => from + c.name);
  return (row) => {
    let s = '';
    for (let i = 0; i < names.length; i++) s += keys[i] + jsonText(row[names[i]!]);
    return names.length ? s + '}' : '{}';
  };
}

export function csvValueEncoder(columns: Column[]): ValueEncoder {
  const names = columns.map((c) => c.name);
  return (row) => {
    let s = '';
    for (let i = 0; i < names.length; i++) s += (i ? ',' : '') + csvCell(row[names[i]!]);
    return s;
  };
}

export function valueEncoder(type: MessageType, columns: Column[], avro?: AvroValueEncoder, schemaId?: number): ValueEncoder {
  if (type === 'json') return jsonValueEncoder(columns);
  if (type === 'csv') return csvValueEncoder(columns);
  if (!avro) throw new Error('avro values need an Avro encoder');
  return schemaId === undefined ? (row) => avro.encode(row) : (row) => confluentFrame(schemaId, avro.encode(row));
}

/** The record key: the key column's text form; no key column (or a null value) gives a record without a key. */
export function keyEncoder(keyColumn: string | undefined): (row: Row) => string | null {
  return keyColumn === undefined ? () => null : (row) => textForm(row[keyColumn]);
}
