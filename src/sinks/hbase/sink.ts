/**
 * The HBase sink, over the REST gateway. prepare() creates the namespace and the table with its families
 * (DELETE_PREVIOUS: disables and drops it first); each chunk of a batch is put in multi-row requests (CHUNK rows each).
 * Puts are idempotent by row key: a redelivered batch rewrites the same cells.
 */
import { withEndpointCheck } from '../endpoints/check.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import { HBaseRestClient } from './client.js';
import { HBASE_ENDPOINT_SETTINGS } from './connection-settings.js';
import { hbaseOptions } from './options.js';
import { putRows } from './rows.js';

/** Rows per REST request: keeps request bodies to a few MB. */
export const CHUNK = 5_000;

export function describeHBase(ctx: SinkContext): string {
  const url = ctx.settings.properties.HBASE_REST_URL?.trim() || '(HBASE_REST_URL unset)';
  const ns = ctx.model.tableNames.HBASE_NAMESPACE || ctx.settings.properties.HBASE_NAMESPACE || 'default';
  const table = ctx.model.tableNames.HBASE_TABLE_NAME || ctx.settings.properties.HBASE_TABLE_NAME || ctx.model.name;
  // The gateway's address without its credentials: this text starts error messages that are recorded.
  return `hbase ${redactUrlUserInfo(url)} table ${ns}:${table}`;
}

/** An error whose message starts with the sink and its address, e.g. "hbase http://h:8080 table default:t: ...". */
export function hbaseFailure(ctx: SinkContext, doing: string, err: unknown): Error {
  return new Error(`${describeHBase(ctx)}: ${doing} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

async function prepare(ctx: SinkContext): Promise<void> {
  const opts = hbaseOptions(ctx);
  const client = new HBaseRestClient(opts.rest);
  try {
    await client.createNamespace(opts.namespace);
    if (opts.deletePrevious) await client.dropTable(opts.qualifiedTable);
    await client.createTable(opts.qualifiedTable, opts.families);
  } catch (err) {
    throw hbaseFailure(ctx, 'preparing the table', err);
  } finally {
    client.close();
  }
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const opts = hbaseOptions(ctx);
  const client = new HBaseRestClient(opts.rest);
  return {
    async begin(batch, shard) {
      let next = shard.firstRow;
      return {
        async write(rows) {
          try {
            const puts = putRows(opts, ctx.columns, ctx.commandUuid, batch, rows, next);
            // One request at a time: measured, parallel requests did not help the gateway (it is the bottleneck).
            for (let start = 0; start < puts.length; start += CHUNK) await client.putRows(opts.qualifiedTable, puts.slice(start, start + CHUNK));
            next += rows.length;
          } catch (err) {
            throw hbaseFailure(ctx, `putting batch ${batch}`, err);
          }
        },
        commit: async () => ({ rows: next - shard.firstRow, location: `hbase table ${opts.qualifiedTable}` }),
        abort: async () => {},
      };
    },
    close: async () => client.close(),
  };
}

export const hbaseSink: Sink = withEndpointCheck(HBASE_ENDPOINT_SETTINGS, {
  name: 'hbase',
  validate: (ctx) => void hbaseOptions(ctx),
  prepare,
  open,
  finalize: async () => {},
  // Records already sent stay: at-least-once delivery, de-duplicated downstream by their headers or row keys.
  abort: async () => {},
  describe: describeHBase,
});
