/**
 * The MySQL/MariaDB sink (mysql2). prepare() creates the database if missing, drops the table first with
 * DELETE_PREVIOUS, and creates the table (column types: column-types.ts; Options.MYSQL_PRIMARY_KEYS as its primary
 * key; InnoDB, utf8mb4) and the ledger table (src/sinks/sql/ledger.ts) if missing. Each batch (or shard) is one
 * transaction: its ledger row first (INSERT IGNORE: none inserted means an earlier attempt committed it, and nothing
 * is written), then its rows through one LOAD DATA LOCAL INFILE fed from a stream a chunk at a time, or, when the
 * server has local_infile off, multi-row INSERTs per chunk; then COMMIT. A worker killed mid-batch loses its
 * connection and the server rolls the batch back.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import type mysql from 'mysql2/promise';
import { lazySdk } from '../destinations/lazy-sdk.js';
import { withEndpointCheck } from '../endpoints/check.js';
import { tlsOptions, type SqlConnection } from '../sql/connection.js';
import { describeSqlSink, sqlFailure, type SqlSinkNames } from '../sql/describe.js';
import { LEDGER_COLUMNS, LEDGER_TABLE } from '../sql/ledger.js';
import { ledgerBatchWriter, type LedgerSession, type RowLoad } from '../sql/ledger-batch-writer.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { mysqlType } from './column-types.js';
import { MYSQL_ENDPOINT_SETTINGS } from './connection-settings.js';
import { insertValues, loadDataEncoder, loadDataSql, quoteName as quote } from './load-data.js';
import { DEFAULT_MYSQL_DATABASE, MYSQL_TABLE_KEYS, mysqlOptions, type MySqlOptions } from './options.js';

/** Rows per INSERT statement and per piece of LOAD DATA input: keeps each packet far below max_allowed_packet. */
const PIECE_ROWS = 1_000;
/** Seconds a batch waits for the ledger row an earlier attempt still holds (a frozen worker): then it fails and is retried. */
const LEDGER_LOCK_TIMEOUT_S = 60;

/** The driver on first use: a thread that never writes to MySQL does not load it (some 15 MB). */
const loadMysql = lazySdk<typeof mysql>('mysql2/promise');

const NAMES: SqlSinkNames = {
  sink: 'mysql', kind: 'mysql', prefix: 'MYSQL', tableKeys: MYSQL_TABLE_KEYS,
  defaultNamespace: (ctx) => ctx.settings.properties.MYSQL_DATABASE?.trim() || urlDatabase(ctx) || DEFAULT_MYSQL_DATABASE,
};

function urlDatabase(ctx: SinkContext): string | undefined {
  const url = ctx.settings.properties.MYSQL_URL?.trim();
  if (!url || !URL.canParse(url)) return undefined;
  return decodeURIComponent(new URL(url).pathname.replace(/^\/+/, '')) || undefined;
}

/** "mysql host:port table database.table", never the credentials; it starts every error the sink raises. */
export const describeMySql = (ctx: SinkContext): string => describeSqlSink(NAMES, ctx);
const failure = (ctx: SinkContext, doing: string, err: unknown): Error => sqlFailure(NAMES, ctx, doing, err);

const tableOf = (o: MySqlOptions) => `${quote(o.namespace)}.${quote(o.table)}`;
const ledgerOf = (o: MySqlOptions) => `${quote(o.namespace)}.${quote(LEDGER_TABLE)}`;
const KEY_MATCH = LEDGER_COLUMNS.map((c) => `${c} = ?`).join(' AND ');

export async function connect(c: SqlConnection): Promise<mysql.Connection> {
  const tls = tlsOptions(c);
  // No database selected: every statement names its database, which may not exist before prepare().
  const conn = await loadMysql().createConnection({
    host: c.host,
    port: c.port,
    user: c.user,
    ...(c.password !== undefined ? { password: c.password } : {}),
    ...(tls ? { ssl: tls } : {}),
    connectTimeout: 15_000,
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
  });
  // A connection lost while idle is reported on the next query; without a listener it would end the process.
  conn.on('error', () => {});
  await conn.query("SET time_zone = '+00:00'");
  return conn;
}

function createTableSql(o: MySqlOptions, ctx: SinkContext): string {
  const columns = ctx.columns.map((c) => {
    const key = o.primaryKeys.includes(c.name);
    return `${quote(c.name)} ${mysqlType(c.type, key)}${key ? ' NOT NULL' : ''}`;
  });
  if (o.primaryKeys.length) columns.push(`PRIMARY KEY (${o.primaryKeys.map(quote).join(', ')})`);
  return `CREATE TABLE IF NOT EXISTS ${tableOf(o)} (${columns.join(', ')}) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`;
}

const createLedgerSql = (o: MySqlOptions) =>
  `CREATE TABLE IF NOT EXISTS ${ledgerOf(o)} (command_uuid VARCHAR(36) NOT NULL, target VARCHAR(64) NOT NULL, batch INT NOT NULL, shard INT NOT NULL, ` +
  `\`rows\` BIGINT NOT NULL, committed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, PRIMARY KEY (${LEDGER_COLUMNS.join(', ')})) ENGINE=InnoDB`;

async function prepare(ctx: SinkContext): Promise<void> {
  const o = mysqlOptions(ctx);
  let conn: mysql.Connection | undefined;
  try {
    conn = await connect(o.connection);
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${quote(o.namespace)} CHARACTER SET utf8mb4`);
    await conn.query(createLedgerSql(o));
    if (o.deletePrevious) {
      await conn.query(`DROP TABLE IF EXISTS ${tableOf(o)}`);
      // The ledger describes the table's contents: the dropped rows' batches are written again if asked.
      await conn.query(`DELETE FROM ${ledgerOf(o)} WHERE target = ?`, [o.table]);
    }
    await conn.query(createTableSql(o, ctx));
  } catch (err) {
    throw failure(ctx, 'preparing the table', err);
  } finally {
    await conn?.end().catch(() => {});
  }
}

/**
 * One connection as the ledger batch writer uses it: each batch one transaction, its rows through LOAD DATA LOCAL
 * INFILE from a stream when the server allows local_infile (asked once per connection), else multi-row INSERTs.
 */
async function session(o: MySqlOptions, ctx: SinkContext): Promise<LedgerSession> {
  const conn = await connect(o.connection);
  try {
    const [vars] = await conn.query<mysql.RowDataPacket[]>("SHOW VARIABLES LIKE 'local_infile'");
    const localInfile = String(vars[0]?.Value ?? '').toUpperCase() === 'ON';
    return {
      async claim(key) {
        await conn.query(`SET SESSION innodb_lock_wait_timeout = ${LEDGER_LOCK_TIMEOUT_S}`);
        await conn.query('START TRANSACTION');
        const [claimed] = await conn.query<mysql.ResultSetHeader>(`INSERT IGNORE INTO ${ledgerOf(o)} (${LEDGER_COLUMNS.join(', ')}, \`rows\`) VALUES (?, ?, ?, ?, 0)`, key);
        return claimed.affectedRows !== 0;
      },
      async committedRows(key) {
        const [prior] = await conn.query<mysql.RowDataPacket[]>(`SELECT \`rows\` FROM ${ledgerOf(o)} WHERE ${KEY_MATCH}`, key);
        await conn.query('ROLLBACK');
        return Number(prior[0]?.rows ?? 0);
      },
      load: () => (localInfile ? loadDataLocal(conn, o, ctx) : multiRowInserts(conn, o, ctx)),
      async commit(key, rows) {
        await conn.query(`UPDATE ${ledgerOf(o)} SET \`rows\` = ? WHERE ${KEY_MATCH}`, [rows, ...key]);
        await conn.query('COMMIT');
      },
      drop: async () => conn.destroy(),
      close: () => conn.end().catch(() => conn.destroy()),
    };
  } catch (err) {
    conn.destroy();
    throw err;
  }
}

function loadDataLocal(conn: mysql.Connection, o: MySqlOptions, ctx: SinkContext): RowLoad {
  const encode = loadDataEncoder(ctx.columns);
  const input = new PassThrough();
  let loadError: Error | undefined;
  const loading = conn.query<mysql.ResultSetHeader>({ sql: loadDataSql(tableOf(o), ctx.columns), infileStreamFactory: () => input }).then(
    ([result]) => result,
    (err: Error) => void (loadError = err),
  );
  return {
    async write(chunk) {
      for (let start = 0; start < chunk.length; start += PIECE_ROWS) {
        if (loadError) throw loadError;
        if (!input.write(encode(chunk.slice(start, start + PIECE_ROWS)))) await Promise.race([once(input, 'drain'), loading]);
      }
    },
    async finish(rows) {
      input.end();
      const loaded = await loading;
      if (loadError) throw loadError;
      // LOAD DATA LOCAL skips rows whose key is taken (the server cannot stop the client's upload): as INSERT, that fails the batch.
      if (loaded && loaded.affectedRows !== rows) {
        const [warnings] = await conn.query<mysql.RowDataPacket[]>('SHOW WARNINGS LIMIT 1');
        throw new Error(`${rows - loaded.affectedRows} of ${rows} rows not loaded: ${warnings[0]?.Message ?? 'no warning given'}`);
      }
    },
  };
}

function multiRowInserts(conn: mysql.Connection, o: MySqlOptions, ctx: SinkContext): RowLoad {
  const toValues = insertValues(ctx.columns);
  const insertSql = `INSERT INTO ${tableOf(o)} (${ctx.columns.map((c) => quote(c.name)).join(', ')}) VALUES ?`;
  return {
    async write(chunk) {
      for (let start = 0; start < chunk.length; start += PIECE_ROWS) {
        await conn.query(insertSql, [chunk.slice(start, start + PIECE_ROWS).map(toValues)]);
      }
    },
    finish: async () => {},
  };
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const o = mysqlOptions(ctx);
  return ledgerBatchWriter({
    ctx,
    table: o.table,
    location: `mysql table ${o.namespace}.${o.table}`,
    connect: () => session(o, ctx),
    failure: (doing, err) => failure(ctx, doing, err),
  });
}

export const mysqlSink: Sink = withEndpointCheck(MYSQL_ENDPOINT_SETTINGS, {
  name: 'mysql',
  validate: (ctx) => void mysqlOptions(ctx),
  prepare,
  open,
  finalize: async () => {},
  // Committed batches stay (each is whole, recorded in the ledger); an uncommitted one rolled back.
  abort: async () => {},
  describe: describeMySql,
});
