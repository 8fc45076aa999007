/**
 * A Hive table to analyse, through the HiveServer2 the service's HIVE_URL names (the sink's connection and user):
 * its columns as DESCRIBE declares them, and its first rows (SELECT ... LIMIT), which the driver answers at once.
 * Result columns that come as "table.column" are named by their column.
 */
import { NotFoundError } from '../../errors.js';
import { connectHive, type HiveConnection } from '../../sinks/hive/client.js';
import { hiveOptions } from '../../sinks/hive/options.js';
import { HIVE_ENDPOINT_SETTINGS } from '../../sinks/hive/connection-settings.js';
import { describeHive } from '../../sinks/hive/sink.js';
import { assertEndpointsAllowed } from '../../sinks/endpoints/check.js';
import { ident, qualified, stringLiteral } from '../../sinks/hive/sql.js';
import type { SinkSettings } from '../../sinks/types.js';
import type { DeclaredColumn, RecordSource } from '../record-source.js';
import { readFailure, sqlDeclaredType, tableContext } from './sql-table.js';

const TIMEOUT_MS = 5 * 60_000;

/** DESCRIBE's rows up to its first blank or "#" line (partition and detail sections follow it). */
function describedColumns(rows: Record<string, unknown>[]): DeclaredColumn[] {
  const out: DeclaredColumn[] = [];
  for (const r of rows) {
    const name = String(r.col_name ?? '').trim();
    if (!name || name.startsWith('#')) break;
    const type = sqlDeclaredType(String(r.data_type ?? '').trim().replace(/\(.*$/, ''));
    out.push({ name, ...(type ? { type } : {}) });
  }
  return out;
}

const unprefixed = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k.slice(k.lastIndexOf('.') + 1), v]));

export function hiveTableSource(settings: SinkSettings, table: string, database?: string): RecordSource {
  return {
    name: table,
    open: async (limit) => {
      const ctx = tableContext(settings, table, { HIVE_TABLE_NAME: table, ...(database ? { HIVE_DATABASE: database } : {}) });
      // The connection's settings only: the sink's own validation also asks for where it would write files.
      assertEndpointsAllowed(ctx, HIVE_ENDPOINT_SETTINGS);
      const o = hiveOptions(ctx);
      const where = describeHive(ctx);
      let conn: HiveConnection | undefined;
      try {
        conn = await connectHive({ host: o.host, port: o.port, user: o.user, ...(o.password ? { password: o.password } : {}), timeoutMs: TIMEOUT_MS });
        const tables = (await conn.query(`SHOW TABLES IN ${ident(o.database)} LIKE ${stringLiteral(o.table)}`)).length;
        if (tables === 0) throw new NotFoundError(`${where}: there is no such table`, { table: `${o.database}.${o.table}` });
        const columns = describedColumns(await conn.query(`DESCRIBE ${qualified(o.database, o.table)}`));
        const rows = (await conn.query(`SELECT * FROM ${qualified(o.database, o.table)} LIMIT ${limit}`)).map(unprefixed);
        return { columns, records: (async function* () { yield* rows; })() };
      } catch (err) {
        if (err instanceof NotFoundError) throw err;
        throw readFailure(where, 'reading the table', err);
      } finally {
        await conn?.close().catch(() => {});
      }
    },
  };
}
