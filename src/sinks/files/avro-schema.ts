/**
 * The Avro schema of a model's rows (spec §5.2, with the changes in docs/file-sinks.md): one record named
 * Table_Names.AVRO_NAME in namespace org.apache.avro.ipc, one nullable field per output column.
 */
import { BadRequestError } from '../../errors.js';
import type { Column, ModelDefinition } from '../../model/types.js';
import { columnKind, type ColumnKind } from './column-kinds.js';

export const AVRO_NAMESPACE = 'org.apache.avro.ipc';
export const DEFAULT_AVRO_NAME = 'default_avro_record_name';
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type AvroPrimitive = string | { type: string; logicalType: string };

const AVRO_TYPES: Record<ColumnKind, AvroPrimitive> = {
  string: 'string',
  int32: 'int',
  int64: 'long',
  double: 'double',
  boolean: 'boolean',
  bytes: 'bytes',
  timestamp: { type: 'long', logicalType: 'timestamp-millis' },
  date: { type: 'int', logicalType: 'date' },
};

export interface AvroField {
  /** The column name in rows. */
  column: string;
  /** The Avro field name (the column name made a valid Avro name). */
  name: string;
  kind: ColumnKind;
}

export interface AvroRecordSchema {
  type: 'record';
  name: string;
  namespace: string;
  fields: { name: string; type: ['null', AvroPrimitive]; default: null; doc?: string }[];
}

/** A column name as an Avro name: invalid characters become '_', a leading digit gets a '_' in front. */
export function avroFieldName(column: string): string {
  const cleaned = column.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

export function avroRecordName(model: ModelDefinition): string {
  const name = model.tableNames?.AVRO_NAME || DEFAULT_AVRO_NAME;
  if (!name.split('.').every((part) => NAME.test(part))) {
    throw new BadRequestError(
      `Table_Names.AVRO_NAME "${name}" is not a valid Avro record name ([A-Za-z_][A-Za-z0-9_]*, optionally dotted)`,
      { field: 'Table_Names.AVRO_NAME', value: name },
    );
  }
  return name;
}

/** Field list; throws BadRequestError when two columns would get the same Avro name. */
export function avroFields(columns: Column[]): AvroField[] {
  const seen = new Map<string, string>();
  return columns.map((c) => {
    const name = avroFieldName(c.name);
    const other = seen.get(name);
    if (other !== undefined) {
      throw new BadRequestError(`columns "${other}" and "${c.name}" both become Avro field "${name}"; rename one of them`, {
        field: c.name,
      });
    }
    seen.set(name, c.name);
    return { column: c.name, name, kind: columnKind(c.type) };
  });
}

export function avroSchema(model: ModelDefinition, columns: Column[]): AvroRecordSchema {
  return {
    type: 'record',
    name: avroRecordName(model),
    namespace: AVRO_NAMESPACE,
    fields: avroFields(columns).map((f) => ({
      name: f.name,
      type: ['null', AVRO_TYPES[f.kind]],
      default: null,
      ...(f.name !== f.column ? { doc: f.column } : {}),
    })),
  };
}
