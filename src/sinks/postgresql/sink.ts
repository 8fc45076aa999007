/**
 * The PostgreSQL sink (pg + pg-copy-streams). prepare() creates the schema if missing, drops the table first with
 * DELETE_PREVIOUS, and creates the table (column types: column-types.ts; Options.POSTGRESQL_PRIMARY_KEYS as its
 * primary key) and the ledger table (src/sinks/sql/ledger.ts) if missing. Each batch (or shard) is one transaction:
 * its ledger row first, then its rows streamed through one COPY FROM STDIN a chunk at a time (the stream's
 * back-pressure paces the generator), then COMMIT (src/sinks/sql/ledger-batch-writer.ts). A redelivered batch whose
 * ledger row is committed writes nothing; one whose earlier attempt died rolled back with its connection.
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import type { from as CopyFrom } from 'pg-copy-streams';
import { lazySdk } from '../destinations/lazy-sdk.js';
import { withEndpointCheck } from '../endpoints/check.js';
import { tlsOptions, type SqlConnection } from '../sql/connection.js';
import { describeSqlSink, sqlFailure, type SqlSinkNames } from '../sql/describe.js';
import { LEDGER_COLUMNS, LEDGER_TABLE } from '../sql/ledger.js';
import { ledgerBatchWriter, type LedgerSession } from '../sql/ledger-batch-writer.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { postgresType } from './column-types.js';
import { POSTGRESQL_ENDPOINT_SETTINGS } from './connection-settings.js';
import { copyCsvEncoder } from './copy-csv.js';
import { POSTGRESQL_TABLE_KEYS, postgresOptions, type PostgresOptions } from './options.js';

/** How long a batch waits for the ledger row an earlier attempt still holds (a frozen worker): then it fails and is retried. */
const LEDGER_LOCK_TIMEOUT = '60s';

/** The driver on first use: a thread that never writes to PostgreSQL does not load it (some 15 MB). */
const loadPg = lazySdk<typeof pg>('pg');
const loadCopy = lazySdk<{ from: typeof CopyFrom }>('pg-copy-streams');

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
const tableOf = (o: PostgresOptions) => `${quote(o.namespace)}.${quote(o.table)}`;
const ledgerOf = (o: PostgresOptions) => `${quote(o.namespace)}.${quote(LEDGER_TABLE)}`;

const NAMES: SqlSinkNames = { sink: 'postgresql', kind: 'postgresql', prefix: 'POSTGRESQL', tableKeys: POSTGRESQL_TABLE_KEYS, defaultNamespace: () => 'public' };

/** "postgresql host:port table schema.table", never the credentials; it starts every error the sink raises. */
export const describePostgres = (ctx: SinkContext): string => describeSqlSink(NAMES, ctx);

const failure = (ctx: SinkContext, doing: string, err: unknown): Error => sqlFailure(NAMES, ctx, doing, err);

export async function connect(c: SqlConnection): Promise<pg.Client> {
  const client = new (loadPg().Client)({
    host: c.host,
    port: c.port,
    database: c.database,
    user: c.user,
    ...(c.password !== undefined ? { password: c.password } : {}),
    ssl: tlsOptions(c) ?? false,
    connectionTimeoutMillis: 15_000,
    application_name: 'datagen',
  });
  // A connection lost while idle is reported on the next query; without a listener it would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return client;
}

function createTableSql(o: PostgresOptions, ctx: SinkContext): string {
  const columns = ctx.columns.map((c) => `${quote(c.name)} ${postgresType(c.type)}${o.primaryKeys.includes(c.name) ? ' NOT NULL' : ''}`);
  if (o.primaryKeys.length) columns.push(`PRIMARY KEY (${o.primaryKeys.map(quote).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${tableOf(o)} (${columns.join(', ')})`;
}

const createLedgerSql = (o: PostgresOptions) =>
  `CREATE TABLE IF NOT EXISTS ${ledgerOf(o)} (command_uuid text NOT NULL, target text NOT NULL, batch integer NOT NULL, shard integer NOT NULL, ` +
  `rows bigint NOT NULL, committed_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (${LEDGER_COLUMNS.join(', ')}))`;

async function prepare(ctx: SinkContext): Promise<void> {
  const o = postgresOptions(ctx);
  let client: pg.Client | undefined;
  try {
    client = await connect(o.connection);
    // CREATE SCHEMA IF NOT EXISTS still needs the CREATE right on the database: only when it is missing.
    const schema = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [o.namespace]);
    if (schema.rowCount === 0) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(o.namespace)}`);
    await client.query('BEGIN');
    await client.query(createLedgerSql(o));
    if (o.deletePrevious) {
      await client.query(`DROP TABLE IF EXISTS ${tableOf(o)}`);
      // The ledger describes the table's contents: the dropped rows' batches are written again if asked.
      await client.query(`DELETE FROM ${ledgerOf(o)} WHERE target = $1`, [o.table]);
    }
    await client.query(createTableSql(o, ctx));
    await client.query('COMMIT');
  } catch (err) {
    throw failure(ctx, 'preparing the table', err);
  } finally {
    await client?.end().catch(() => {});
  }
}

/** One connection as the ledger batch writer uses it: each batch one transaction, its rows through one COPY FROM STDIN. */
async function session(o: PostgresOptions, ctx: SinkContext): Promise<LedgerSession> {
  const client = await connect(o.connection);
  const encode = copyCsvEncoder(ctx.columns);
  const copySql = `COPY ${tableOf(o)} (${ctx.columns.map((c) => quote(c.name)).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
  const keyMatch = `(${LEDGER_COLUMNS.join(', ')}) = ($1, $2, $3, $4)`;
  return {
    async claim(key) {
      await client.query('BEGIN');
      await client.query(`SET LOCAL lock_timeout = '${LEDGER_LOCK_TIMEOUT}'`);
      const claimed = await client.query(`INSERT INTO ${ledgerOf(o)} (${LEDGER_COLUMNS.join(', ')}, rows) VALUES ($1, $2, $3, $4, 0) ON CONFLICT DO NOTHING`, key);
      return claimed.rowCount !== 0;
    },
    async committedRows(key) {
      const prior = await client.query<{ rows: string }>(`SELECT rows FROM ${ledgerOf(o)} WHERE ${keyMatch}`, key);
      await client.query('ROLLBACK');
      return Number(prior.rows[0]?.rows ?? 0);
    },
    load() {
      const copy = client.query(loadCopy().from(copySql));
      let copyError: Error | undefined;
      copy.on('error', (err) => (copyError ??= err));
      return {
        async write(chunk) {
          if (copyError) throw copyError;
          if (!copy.write(encode(chunk))) await once(copy, 'drain');
        },
        async finish() {
          try {
            copy.end();
            await finished(copy);
          } catch (err) {
            throw copyError ?? err;
          }
        },
      };
    },
    async commit(key, rows) {
      await client.query(`UPDATE ${ledgerOf(o)} SET rows = $5 WHERE ${keyMatch}`, [...key, rows]);
      await client.query('COMMIT');
    },
    drop: () => client.end(),
    close: () => client.end(),
  };
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const o = postgresOptions(ctx);
  return ledgerBatchWriter({
    ctx,
    table: o.table,
    location: `postgresql table ${o.namespace}.${o.table}`,
    connect: () => session(o, ctx),
    failure: (doing, err) => failure(ctx, doing, err),
  });
}

export const postgresqlSink: Sink = withEndpointCheck(POSTGRESQL_ENDPOINT_SETTINGS, {
  name: 'postgresql',
  validate: (ctx) => void postgresOptions(ctx),
  prepare,
  open,
  finalize: async () => {},
  // Committed batches stay (each is whole, recorded in the ledger); an uncommitted one rolled back.
  abort: async () => {},
  describe: describePostgres,
});
