/**
 * The PostgreSQL sink's settings, read and checked once (validate): the connection (src/sinks/sql/connection.ts,
 * POSTGRESQL_* settings; database postgres and user postgres by default), the schema (Table_Names.POSTGRESQL_SCHEMA,
 * default public), the table (Table_Names.POSTGRESQL_TABLE, default the model's name) and Options.POSTGRESQL_PRIMARY_KEYS.
 */
import { sqlConnection, type SqlConnection } from '../sql/connection.js';
import { sqlTableOptions, type SqlTableOptions } from '../sql/table-options.js';
import type { SinkContext } from '../types.js';
import { POSTGRESQL_TABLE_KEYS } from '../../sink-keys/postgresql.js';

export { POSTGRESQL_TABLE_KEYS };

export interface PostgresOptions extends SqlTableOptions {
  connection: SqlConnection;
}


export function postgresOptions(ctx: SinkContext): PostgresOptions {
  return {
    connection: sqlConnection(ctx, 'postgresql', 'POSTGRESQL', { database: 'postgres', user: 'postgres' }),
    ...sqlTableOptions(ctx, POSTGRESQL_TABLE_KEYS, 'public'),
  };
}
