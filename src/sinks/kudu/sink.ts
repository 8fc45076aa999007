/**
 * The Kudu sink, through the process's bridge to the Java client (bridge-host.ts, bridge-client.ts). prepare()
 * creates KUDU_TABLE_NAME if missing from the model's types (key columns first, hash partitions on KUDU_HASH_KEYS
 * into KUDU_BUCKETS, range partitions on KUDU_RANGE_KEYS (range-splits.ts), KUDU_REPLICAS), dropping it first on
 * DELETE_PREVIOUS.
 * Each chunk of a batch is one upsert request, answered once Kudu has applied it (KUDU_FLUSH, KUDU_BUFFER); one is
 * in flight while the next is encoded, so a batch holds no more than two chunks in memory. Rows are upserted by their key (KUDU_PRIMARY_KEYS, else a column
 * derived from command, batch and row), so a redelivered batch rewrites its own rows and adds none.
 */
import { withEndpointCheck } from '../endpoints/check.js';
import { rowKeyOf } from '../hbase/rows.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { bridgeDir } from './bridge-build.js';
import { bridgeRequest } from './bridge-client.js';
import { KUDU_ENDPOINT_SETTINGS } from './connection-settings.js';
import { prepareFrame, upsertFrame } from './frames.js';
import { kuduOptions, mastersOf } from './options.js';

/** Rows per upsert request: a few MB for the customer model. */
export const CHUNK = 5_000;

const NO_KEY = { keyColumns: [], keySeparator: '' };

export function describeKudu(ctx: SinkContext): string {
  const given = ctx.settings.properties.KUDU_MASTERS?.trim();
  let masters = '(KUDU_MASTERS unset)';
  try {
    if (given) masters = mastersOf(given);
  } catch {
    masters = '(KUDU_MASTERS not host:port)';
  }
  const table = ctx.model.tableNames.KUDU_TABLE_NAME || ctx.settings.properties.KUDU_TABLE_NAME || ctx.model.name;
  return `kudu ${masters} table ${table}`;
}

/** An error whose message starts with the sink and its masters, e.g. "kudu h:7051 table t: ...". */
function kuduFailure(ctx: SinkContext, doing: string, err: unknown): Error {
  return new Error(`${describeKudu(ctx)}: ${doing} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

async function prepare(ctx: SinkContext): Promise<void> {
  const o = kuduOptions(ctx);
  try {
    await bridgeRequest(bridgeDir(ctx.settings.properties), prepareFrame({ ...o, masters: o.masters }));
  } catch (err) {
    throw kuduFailure(ctx, 'preparing the table', err);
  }
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const o = kuduOptions(ctx);
  const dir = bridgeDir(ctx.settings.properties);
  const derivedKey = o.primaryKeys.length === 0;
  return {
    async begin(batch, shard) {
      let next = shard.firstRow;
      // One request in flight: the next chunk is encoded (and generated) while the bridge applies the last.
      let inflight: Promise<number> | undefined;
      const settle = async (doing: string) => {
        try {
          await inflight;
        } catch (err) {
          throw kuduFailure(ctx, doing, err);
        }
      };
      return {
        async write(rows) {
          for (let start = 0; start < rows.length; start += CHUNK) {
            const chunk = rows.slice(start, start + CHUNK);
            const first = next;
            const key = derivedKey ? (i: number) => rowKeyOf(NO_KEY, ctx.commandUuid, batch, first + i, chunk[i]!) : undefined;
            let frame: Buffer;
            try {
              frame = upsertFrame(o, chunk, key);
            } catch (err) {
              throw kuduFailure(ctx, `writing batch ${batch}`, err);
            }
            await settle(`writing batch ${batch}`);
            inflight = bridgeRequest(dir, frame);
            inflight.catch(() => {}); // surfaced by the next settle
            next += chunk.length;
          }
        },
        // Once the last chunk's answer came, every row of the batch is in Kudu.
        async commit() {
          await settle(`writing batch ${batch}`);
          return { rows: next - shard.firstRow, location: `kudu table ${o.table}` };
        },
        abort: async () => {
          await inflight?.catch(() => {});
        },
      };
    },
    close: async () => {},
  };
}

export const kuduSink: Sink = withEndpointCheck(KUDU_ENDPOINT_SETTINGS, {
  name: 'kudu',
  validate: (ctx) => void kuduOptions(ctx),
  prepare,
  open,
  finalize: async () => {},
  // Rows already upserted stay (as with Kafka, HBase and Solr): a rerun rewrites them by key.
  abort: async () => {},
  describe: describeKudu,
});
