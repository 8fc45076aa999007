/**
 * Records of a Parquet file (hyparquet, any codec it reads): the first `limit` rows, only the row groups holding
 * them read, with the schema's leaf columns as the columns: INT64 as bigint, timestamps and dates as Dates.
 */
import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer } from 'hyparquet';
import { BadRequestError } from '../../errors.js';
import type { FieldType } from '../../model/types.js';
import type { DeclaredColumn, Records } from '../record-source.js';

interface Element {
  name: string;
  type?: string;
  converted_type?: string;
  logical_type?: { type?: string };
}

function declaredType(e: Element): FieldType | undefined {
  const logical = e.logical_type?.type ?? e.converted_type;
  if (logical === 'TIMESTAMP' || logical === 'TIMESTAMP_MILLIS' || logical === 'TIMESTAMP_MICROS') return 'DATE';
  if (logical === 'DATE') return 'BIRTHDATE';
  if (logical === 'STRING' || logical === 'UTF8') return 'STRING';
  const physical: Partial<Record<string, FieldType>> = { INT32: 'INTEGER', INT64: 'LONG', FLOAT: 'FLOAT', DOUBLE: 'FLOAT', BOOLEAN: 'BOOLEAN', BYTE_ARRAY: 'STRING', FIXED_LEN_BYTE_ARRAY: 'BYTES' };
  return e.type ? physical[e.type] : undefined;
}

async function* each(rows: Record<string, unknown>[]): AsyncIterable<Record<string, unknown>> {
  yield* rows;
}

export async function parquetRecords(file: AsyncBuffer, limit: number, where: string): Promise<Records> {
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    throw new BadRequestError(`${where} is not a Parquet file (${(e as Error).message})`);
  }
  const leaves = parquetSchema(metadata).children.filter((c) => c.children.length === 0).map((c) => c.element as Element);
  const columns: DeclaredColumn[] = leaves.map((e) => {
    const type = declaredType(e);
    return { name: e.name, ...(type ? { type } : {}) };
  });
  const rows = (await parquetReadObjects({ file, metadata, rowEnd: Math.min(limit, Number(metadata.num_rows)), utf8: true })) as Record<string, unknown>[];
  return { columns, records: each(rows) };
}
