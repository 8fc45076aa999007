/**
 * What the PostgreSQL and MySQL table sources share: the sink context their connection settings are read from
 * (the service's own POSTGRESQL_* / MYSQL_* settings, through the sinks' validation, endpoint checks included),
 * the declared column types, and the failures, which name the server and the table but never the credentials.
 */
import { BadRequestError, UpstreamError } from '../../errors.js';
import type { FieldType, ModelDefinition } from '../../model/types.js';
import { sinkContext } from '../../sinks/context.js';
import { PLAIN_NAME } from '../../sinks/sql/table-options.js';
import type { SinkContext, SinkSettings } from '../../sinks/types.js';

/** A sink context naming `tableNames` only: what the sinks' option readers need to give a connection and a table. */
export function tableContext(settings: SinkSettings, table: string, tableNames: Record<string, string>): SinkContext {
  const model: ModelDefinition = { name: table, fields: [{ name: 'c', type: 'STRING', ghost: false, props: {} }], tableNames, options: {}, primaryKeys: {} };
  return sinkContext('analysis', model, 1, 1, settings);
}

/** A table or namespace name from a request parameter: the sinks' plain form (letters, digits, _ $ -). */
export function plainName(value: string, param: string): string {
  if (!PLAIN_NAME.test(value)) throw new BadRequestError(`parameter ${param} "${value}" is not a plain name (letters, digits, _ $ -, at most 63)`, { parameter: param });
  return value;
}

/** SQL data types (information_schema.columns.data_type, lower case) → the field type they suggest. */
export function sqlDeclaredType(dataType: string, columnType = ''): FieldType | undefined {
  const t = dataType.toLowerCase();
  if (columnType.toLowerCase() === 'tinyint(1)' || t === 'boolean' || t === 'bool') return 'BOOLEAN';
  if (['integer', 'int', 'smallint', 'mediumint', 'tinyint'].includes(t)) return 'INTEGER';
  if (t === 'bigint') return 'LONG';
  if (['real', 'double precision', 'double', 'float', 'numeric', 'decimal'].includes(t)) return 'FLOAT';
  if (t === 'date') return 'BIRTHDATE';
  if (t.startsWith('timestamp') || t === 'datetime') return 'DATE';
  if (['bytea', 'blob', 'binary', 'varbinary', 'longblob', 'mediumblob'].includes(t)) return 'BYTES';
  return undefined;
}

/** A failure of the server, with where it happened; the cause's message only (drivers do not quote passwords). */
export function readFailure(where: string, doing: string, err: unknown): UpstreamError {
  return new UpstreamError(`${where}: ${doing} failed: ${(err as Error)?.message || String(err)}`);
}

/** A failure while reading rows says where, as a failure to open does. */
export async function* failuresNamed(rows: AsyncIterable<Record<string, unknown>>, where: string): AsyncIterable<Record<string, unknown>> {
  try {
    yield* rows;
  } catch (err) {
    throw readFailure(where, 'reading rows', err);
  }
}
