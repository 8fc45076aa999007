/** Reading a Hive table back for tests, through the sink's own connection (src/sinks/hive/client.ts). */
import { connectHive } from '../../../src/sinks/hive/client.js';

function address(hiveUrl: string): { host: string; port: number } {
  const url = new URL(hiveUrl.replace(/^hive2:/, 'http:'));
  return { host: url.hostname, port: Number(url.port) };
}

/** Runs each query on one connection and returns their rows. */
export async function hiveQueries(hiveUrl: string, ...queries: string[]): Promise<Record<string, unknown>[][]> {
  const conn = await connectHive({ ...address(hiveUrl), timeoutMs: 300_000 });
  try {
    const results: Record<string, unknown>[][] = [];
    for (const q of queries) results.push(await conn.query(q));
    return results;
  } finally {
    await conn.close();
  }
}

/**
 * The customer columns (test/helpers/services/fixtures.ts) of `table` in comparable text forms: the 64-bit account
 * as a string, timestamps to the millisecond, bytes as upper-case hex. A plain projection runs as a fetch task on
 * the server, without a job. Also the table's column types (DESCRIBE).
 */
export async function readCustomers(hiveUrl: string, table: string): Promise<{ rows: Record<string, unknown>[]; types: Record<string, string> }> {
  const ms = "'yyyy-MM-dd HH:mm:ss.SSS'";
  const [rows, described] = await hiveQueries(
    hiveUrl,
    `SELECT id, name, email, age, CAST(account AS STRING) AS account, balance, active, date_format(created, ${ms}) AS created, ` +
      `date_format(seen, ${ms}) AS seen, hex(token) AS token FROM ${table}`,
    `DESCRIBE ${table}`,
  );
  return { rows: rows!, types: Object.fromEntries(described!.map((r) => [String(r.col_name), String(r.data_type)])) };
}
