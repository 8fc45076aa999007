/**
 * HIVE_ON_HDFS=false: a batch's rows go to the table in multi-row INSERT … VALUES statements through the
 * connection. Each statement is a job on the server (seconds each), so rows are gathered across chunks up to
 * MAX_ROWS rows or MAX_CHARS characters of SQL per statement (bounded memory), and the rest is sent on commit.
 * Hive has no transaction across statements: a redelivered batch inserts its rows again (at least once).
 */
import type { Column } from '../../model/types.js';
import type { BatchStream } from '../types.js';
import type { HiveConnection } from './client.js';
import { insertValues, rowTuple } from './sql.js';

export const MAX_ROWS = 10_000;
export const MAX_CHARS = 4 * 1024 * 1024;

export function insertStream(conn: HiveConnection, database: string, table: string, columns: Column[], location: string): BatchStream {
  let tuples: string[] = [];
  let chars = 0;
  let rows = 0;
  const flush = async () => {
    if (tuples.length === 0) return;
    const sql = insertValues(database, table, tuples);
    tuples = [];
    chars = 0;
    await conn.execute(sql);
  };
  return {
    async write(chunk) {
      for (const row of chunk) {
        const tuple = rowTuple(columns, row);
        tuples.push(tuple);
        chars += tuple.length + 2;
        rows++;
        if (tuples.length >= MAX_ROWS || chars >= MAX_CHARS) await flush();
      }
    },
    async commit() {
      await flush();
      return { rows, location };
    },
    async abort() {
      tuples = [];
    },
  };
}
