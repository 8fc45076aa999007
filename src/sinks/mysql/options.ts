/**
 * The MySQL/MariaDB sink's settings, read and checked once (validate): the connection (src/sinks/sql/connection.ts,
 * MYSQL_* settings; user root by default), the database (Table_Names.MYSQL_DATABASE, else the URL's or
 * MYSQL_DATABASE, else datagen; created if missing), the table (Table_Names.MYSQL_TABLE, default the model's name)
 * and Options.MYSQL_PRIMARY_KEYS.
 */
import { sqlConnection, type SqlConnection } from '../sql/connection.js';
import { sqlTableOptions, type SqlTableOptions } from '../sql/table-options.js';
import type { SinkContext } from '../types.js';
import { MYSQL_TABLE_KEYS } from '../../sink-keys/mysql.js';

export { MYSQL_TABLE_KEYS };

export interface MySqlOptions extends SqlTableOptions {
  connection: SqlConnection;
}

export const DEFAULT_MYSQL_DATABASE = 'datagen';

export function mysqlOptions(ctx: SinkContext): MySqlOptions {
  const connection = sqlConnection(ctx, 'mysql', 'MYSQL', { database: DEFAULT_MYSQL_DATABASE, user: 'root' });
  return { connection, ...sqlTableOptions(ctx, MYSQL_TABLE_KEYS, connection.database) };
}
