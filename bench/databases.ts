/**
 * PostgreSQL and MariaDB sink figures: rows/s of the 10-field customer model through the sinks (a ledger row, a
 * streamed COPY or LOAD DATA LOCAL INFILE and a COMMIT per batch, from one writer), next to the database's own limit
 * on this machine: a plain COPY FROM STDIN / LOAD DATA LOCAL INFILE of the same rows from a prepared file (encoded
 * beforehand by the sink's own encoder) into a table of the same columns, in the same run. Each batch's rows are
 * built before its write is timed, so the sink figures are the sink's, not the generator's. Both servers are
 * started by the test harness. Standalone: `node --import tsx bench/databases.ts`.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { loadDataEncoder, loadDataSql } from '../src/sinks/mysql/load-data.js';
import { mysqlSink } from '../src/sinks/mysql/sink.js';
import { copyCsvEncoder } from '../src/sinks/postgresql/copy-csv.js';
import { postgresqlSink } from '../src/sinks/postgresql/sink.js';
import type { Sink, SinkContext } from '../src/sinks/types.js';
import { writeBatch } from '../src/sinks/write-batch.js';
import { CUSTOMER_COLUMNS, customerModel, customerRows, sinkCtx } from '../test/helpers/services/fixtures.js';
import { startMariaDb } from '../test/helpers/services/mariadb.js';
import { startPostgres } from '../test/helpers/services/postgres.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROWS = 200_000;
const BATCHES = 5;
const TOTAL = ROWS * BATCHES;

async function sinkRate(sink: Sink, ctx: SinkContext): Promise<number> {
  sink.validate(ctx);
  await sink.prepare(ctx);
  const writer = await sink.open(ctx);
  try {
    await writeBatch(writer, BATCHES, customerRows(BATCHES, 100)); // connects and warms up (its own batch number)
    let ns = 0n;
    for (let b = 0; b < BATCHES; b++) {
      const rows = customerRows(b, ROWS);
      const t0 = process.hrtime.bigint();
      await writeBatch(writer, b, rows);
      ns += process.hrtime.bigint() - t0;
    }
    return TOTAL / (Number(ns) / 1e9);
  } finally {
    await writer.close();
  }
}

/** The same rows, encoded once into a file, as the baseline loads it. */
async function preparedFile(dir: string, encode: (rows: ReturnType<typeof customerRows>) => string): Promise<string> {
  const file = path.join(dir, `rows-${randomUUID()}.txt`);
  const parts: string[] = [];
  for (let b = 0; b < BATCHES; b++) parts.push(encode(customerRows(b, ROWS)));
  await writeFile(file, parts.join(''));
  return file;
}

interface DatabaseCase {
  start(): Promise<{ url: string; env: Record<string, string>; stop(): Promise<void> }>;
  sink: Sink;
  /** The Table_Names key of the sink's table. */
  tableKey: string;
  encode(rows: ReturnType<typeof customerRows>): string;
  /** Loads the prepared file into a new table `plain` shaped like `table`, the database's own bulk path; the seconds the load took. */
  plainLoad(url: string, table: string, file: string): Promise<number>;
  sinkName: string;
  plainName: string;
}

async function databaseFigures(dir: string, c: DatabaseCase): Promise<BenchResult[]> {
  const server = await c.start();
  try {
    const table = `bench_${randomUUID().slice(0, 8)}`;
    const sinkRows = await sinkRate(c.sink, sinkCtx(customerModel('customer', { [c.tableKey]: table }), server.env, ROWS, BATCHES, randomUUID()));
    const file = await preparedFile(dir, c.encode);
    const plain = TOTAL / (await c.plainLoad(server.url, table, file));
    const note = `${BATCHES} batches x ${ROWS.toLocaleString('en-US')} rows, 10 fields`;
    return [
      { name: c.sinkName, value: sinkRows, unit: 'rows/s', note },
      { name: c.plainName, value: plain, unit: 'rows/s', note: `the database's own limit here; the sink reaches ${Math.round((100 * sinkRows) / plain)}%` },
    ];
  } finally {
    await server.stop();
  }
}

const POSTGRESQL: DatabaseCase = {
  start: startPostgres,
  sink: postgresqlSink,
  tableKey: 'POSTGRESQL_TABLE',
  encode: copyCsvEncoder(CUSTOMER_COLUMNS),
  async plainLoad(url, table, file) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`CREATE TABLE plain (LIKE public."${table}")`);
      return await timed(() => pipeline(createReadStream(file), client.query(copyFrom('COPY plain FROM STDIN WITH (FORMAT csv)'))));
    } finally {
      await client.end();
    }
  },
  sinkName: 'postgresql sink: ledger row + streamed COPY + COMMIT per batch, one writer',
  plainName: 'postgresql: plain COPY FROM STDIN of the same rows from a prepared file',
};

const MARIADB: DatabaseCase = {
  start: startMariaDb,
  sink: mysqlSink,
  tableKey: 'MYSQL_TABLE',
  encode: loadDataEncoder(CUSTOMER_COLUMNS),
  async plainLoad(url, table, file) {
    const conn = await mysql.createConnection({ uri: url, timezone: 'Z' });
    try {
      await conn.query(`CREATE TABLE plain LIKE \`${table}\``);
      return await timed(() => conn.query({ sql: loadDataSql('plain', CUSTOMER_COLUMNS), infileStreamFactory: () => createReadStream(file) }));
    } finally {
      await conn.end();
    }
  },
  sinkName: 'mysql sink (MariaDB): ledger row + streamed LOAD DATA LOCAL + COMMIT per batch',
  plainName: 'MariaDB: plain LOAD DATA LOCAL INFILE of the same rows from a prepared file',
};

export async function benchDatabases(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-bench-db-'));
  try {
    return [...(await databaseFigures(dir, POSTGRESQL)), ...(await databaseFigures(dir, MARIADB))];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchDatabases()) console.log(`${r.name.padEnd(80)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
