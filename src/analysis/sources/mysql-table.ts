/**
 * A MySQL or MariaDB table to analyse, on the server the service's MYSQL_* settings name: its columns as
 * information_schema declares them (tinyint(1) as BOOLEAN), and its first rows streamed (bounded memory), in UTC,
 * BIGINT and DECIMAL as text.
 */
import type mysql from 'mysql2/promise';
import { NotFoundError } from '../../errors.js';
import { quoteName } from '../../sinks/mysql/load-data.js';
import { mysqlOptions } from '../../sinks/mysql/options.js';
import { connect, describeMySql, mysqlSink } from '../../sinks/mysql/sink.js';
import type { SinkSettings } from '../../sinks/types.js';
import type { DeclaredColumn, RecordSource } from '../record-source.js';
import { failuresNamed, readFailure, sqlDeclaredType, tableContext } from './sql-table.js';

interface StreamingConnection {
  query(sql: string): { stream(options?: { highWaterMark?: number }): AsyncIterable<Record<string, unknown>> & { destroy(): void } };
}

async function* streamed(conn: mysql.Connection, sql: string): AsyncIterable<Record<string, unknown>> {
  // The promise wrapper has no row stream: the callback connection under it streams.
  const rows = (conn as unknown as { connection: StreamingConnection }).connection.query(sql).stream({ highWaterMark: 256 });
  try {
    yield* rows;
  } finally {
    rows.destroy();
    await conn.end().catch(() => conn.destroy());
  }
}

export function mysqlTableSource(settings: SinkSettings, table: string, database?: string): RecordSource {
  return {
    name: table,
    open: async (limit) => {
      const ctx = tableContext(settings, table, { MYSQL_TABLE: table, ...(database ? { MYSQL_DATABASE: database } : {}) });
      mysqlSink.validate(ctx);
      const o = mysqlOptions(ctx);
      const where = describeMySql(ctx);
      let conn: mysql.Connection;
      let columns: DeclaredColumn[];
      try {
        conn = await connect(o.connection);
        const [info] = await conn.query(
          'SELECT column_name AS name, data_type AS type, column_type AS full_type FROM information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position', [o.namespace, o.table]);
        columns = (info as Array<{ name: string; type: string; full_type: string }>).map((r) => {
          const type = sqlDeclaredType(String(r.type), String(r.full_type));
          return { name: r.name, ...(type ? { type } : {}) };
        });
      } catch (err) {
        throw readFailure(where, 'reading the table\'s columns', err);
      }
      if (columns.length === 0) {
        await conn.end().catch(() => {});
        throw new NotFoundError(`${where}: there is no such table (or it has no column)`, { table: `${o.namespace}.${o.table}` });
      }
      return { columns, records: failuresNamed(streamed(conn, `SELECT * FROM ${quoteName(o.namespace)}.${quoteName(o.table)} LIMIT ${limit}`), where) };
    },
  };
}
