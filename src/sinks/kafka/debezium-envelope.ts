/**
 * A lifecycle model's change rows (src/model/lifecycle/change-columns.ts) as Debezium envelopes: {before, after,
 * source, op, ts_ms}, before and after the entity's images (null for a create's before and a delete's after).
 * JSON: the images as typed JSON objects, as the json values of other models; Avro: the Debezium shape, an
 * Envelope record with nullable Value records and a Source record.
 */
import type avro from 'avsc';
import { AFTER, BEFORE } from '../../model/lifecycle/change-columns.js';
import type { Column, ModelDefinition, Row } from '../../model/types.js';
import { avroTypeWithBigLongs } from '../files/avro-long.js';
import { avroRecordType } from '../files/avro-record.js';
import { avroSchema, avroFieldName } from '../files/avro-schema.js';
import { jsonText } from '../files/json-encoder.js';
import { avroValueEncoder, type AvroValueEncoder } from './avro-value.js';
import type { MessageType } from './options.js';
import { jsonValueEncoder, valueEncoder, type ValueEncoder } from './record-encoder.js';

export const CONNECTOR = 'datagen';
const VERSION = 'datagen-ts';

/** Whether the model's rows are change events. */
export function isChangeStream(model: ModelDefinition): boolean {
  return model.lifecycle?.output === 'change_stream';
}

/** The entity's own columns: the after_ images', unprefixed. */
function entityColumns(columns: Column[]): Column[] {
  return columns.filter((c) => c.name.startsWith(AFTER)).map((c) => ({ name: c.name.slice(AFTER.length), type: c.type }));
}

function sourceJson(model: ModelDefinition, row: Row): string {
  return `{"version":"${VERSION}","connector":"${CONNECTOR}","name":${JSON.stringify(model.name)},"ts_ms":${jsonText(row.ts_ms)},"snapshot":"false","db":"${CONNECTOR}","table":${JSON.stringify(model.name)},"seq":${jsonText(row.seq)}}`;
}

export function envelopeJsonEncoder(model: ModelDefinition, columns: Column[]): ValueEncoder {
  const entity = entityColumns(columns);
  const before = jsonValueEncoder(entity, BEFORE);
  const after = jsonValueEncoder(entity, AFTER);
  return (row) => {
    const op = row.op as string;
    const b = op === 'c' ? 'null' : before(row);
    const a = op === 'd' ? 'null' : after(row);
    return `{"before":${b},"after":${a},"source":${sourceJson(model, row)},"op":"${op}","ts_ms":${jsonText(row.ts_ms)}}`;
  };
}

export function envelopeAvroEncoder(model: ModelDefinition, columns: Column[]): AvroValueEncoder {
  const entity = entityColumns(columns);
  const record = avroRecordType(model, entity);
  const namespace = `${CONNECTOR}.${avroFieldName(model.name)}`;
  const value = { ...avroSchema(model, entity), name: 'Value', namespace };
  const schema = {
    type: 'record', name: 'Envelope', namespace,
    fields: [
      { name: 'before', type: ['null', value], default: null },
      { name: 'after', type: ['null', 'Value'], default: null },
      {
        name: 'source',
        type: {
          type: 'record', name: 'Source', fields: [
            { name: 'version', type: 'string' }, { name: 'connector', type: 'string' }, { name: 'name', type: 'string' },
            { name: 'ts_ms', type: 'long' }, { name: 'snapshot', type: 'string' }, { name: 'db', type: 'string' },
            { name: 'table', type: 'string' }, { name: 'seq', type: 'long' },
          ],
        },
      },
      { name: 'op', type: 'string' },
      { name: 'ts_ms', type: ['null', 'long'], default: null },
    ],
  };
  const type = avroTypeWithBigLongs(schema as avro.Schema);
  const image = (row: Row, prefix: string) => {
    const rec: Record<string, unknown> = {};
    for (const f of record.fields) {
      const v = row[prefix + f.column];
      rec[f.name] = v === null || v === undefined ? null : f.convert(v);
    }
    return rec;
  };
  return {
    schemaJson: JSON.stringify(schema),
    fingerprint: type.fingerprint('sha256').toString('hex'),
    type,
    encode(row) {
      const op = row.op as string;
      const ts = BigInt(row.ts_ms as number);
      return type.toBuffer({
        before: op === 'c' ? null : image(row, BEFORE),
        after: op === 'd' ? null : image(row, AFTER),
        source: { version: VERSION, connector: CONNECTOR, name: model.name, ts_ms: ts, snapshot: 'false', db: CONNECTOR, table: model.name, seq: row.seq },
        op,
        ts_ms: ts,
      });
    },
  };
}

/** The Avro value encoder of the model's records: envelopes for a change stream, plain records otherwise. */
export function kafkaAvroEncoder(model: ModelDefinition, columns: Column[]): AvroValueEncoder {
  return isChangeStream(model) ? envelopeAvroEncoder(model, columns) : avroValueEncoder(model, columns);
}

/** The value encoder of the model's records: a change stream's json values are envelopes (csv stays flat). */
export function kafkaValueEncoder(type: MessageType, model: ModelDefinition, columns: Column[], avro?: AvroValueEncoder, schemaId?: number): ValueEncoder {
  return type === 'json' && isChangeStream(model) ? envelopeJsonEncoder(model, columns) : valueEncoder(type, columns, avro, schemaId);
}
