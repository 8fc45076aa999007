/**
 * A PostgreSQL table to analyse, on the server the service's POSTGRESQL_* settings name: its columns as
 * information_schema declares them, and its first rows through a cursor, a thousand at a time (bounded memory).
 * Dates and timestamps without a zone come as text (UTC, never the process's zone); int8 and numeric as text.
 */
import type pg from 'pg';
import { lazySdk } from '../../sinks/destinations/lazy-sdk.js';
import { NotFoundError } from '../../errors.js';
import { postgresOptions } from '../../sinks/postgresql/options.js';
import { connect, describePostgres, postgresqlSink } from '../../sinks/postgresql/sink.js';
import type { SinkSettings } from '../../sinks/types.js';
import type { DeclaredColumn, RecordSource } from '../record-source.js';
import { failuresNamed, readFailure, sqlDeclaredType, tableContext } from './sql-table.js';

const loadPg = lazySdk<typeof pg>('pg');
const FETCH_ROWS = 1000;
const DATE_OID = 1082;
const TIMESTAMP_OID = 1114;
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Dates as their text, timestamps without zone as UTC text; everything else as pg parses it. */
function typeParsers(pgTypes: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string) =>
      oid === DATE_OID ? (v: string) => v : oid === TIMESTAMP_OID ? (v: string) => `${v.replace(' ', 'T')}Z` : pgTypes.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
  };
}

async function* cursorRows(client: pg.Client, sql: string, limit: number, types: pg.CustomTypesConfig): AsyncIterable<Record<string, unknown>> {
  try {
    await client.query('BEGIN READ ONLY');
    await client.query({ text: `DECLARE datagen_analysis NO SCROLL CURSOR FOR ${sql} LIMIT ${limit}`, types });
    for (;;) {
      const { rows } = await client.query({ text: `FETCH ${FETCH_ROWS} FROM datagen_analysis`, types });
      yield* rows as Record<string, unknown>[];
      if (rows.length < FETCH_ROWS) break;
    }
    await client.query('COMMIT');
  } finally {
    await client.end().catch(() => {});
  }
}

export function postgresqlTableSource(settings: SinkSettings, table: string, schema = 'public'): RecordSource {
  return {
    name: table,
    open: async (limit) => {
      const ctx = tableContext(settings, table, { POSTGRESQL_TABLE: table, POSTGRESQL_SCHEMA: schema });
      postgresqlSink.validate(ctx);
      const o = postgresOptions(ctx);
      const where = describePostgres(ctx);
      let client: pg.Client;
      let columns: DeclaredColumn[];
      try {
        client = await connect(o.connection);
        const info = await client.query<{ column_name: string; data_type: string }>(
          'SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [o.namespace, o.table]);
        columns = info.rows.map((r) => ({ name: r.column_name, ...(sqlDeclaredType(r.data_type) ? { type: sqlDeclaredType(r.data_type) } : {}) }));
      } catch (err) {
        throw readFailure(where, 'reading the table\'s columns', err);
      }
      if (columns.length === 0) {
        await client.end().catch(() => {});
        throw new NotFoundError(`${where}: there is no such table (or it has no column)`, { table: `${o.namespace}.${o.table}` });
      }
      return { columns, records: failuresNamed(cursorRows(client, `SELECT * FROM ${quote(o.namespace)}.${quote(o.table)}`, limit, typeParsers(loadPg().types)), where) };
    },
  };
}
