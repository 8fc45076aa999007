/**
 * The Solr sink, over a SolrCloud node's HTTP APIs. prepare() creates SOLR_COLLECTION (SOLR_SHARDS, SOLR_REPLICAS)
 * from a configset datagen_<collection> whose schema types each column (documents.ts), uploaded when the
 * collection is created (DELETE_PREVIOUS: the collection is deleted first); an existing collection is written as
 * it is. Each chunk of a batch is POSTed to /update as JSON (CHUNK documents a request, one request at a time: the
 * back-pressure), and the batch's commit() is one Solr commit. Documents are idempotent by their id, so a
 * redelivered batch replaces its own; an attempt that fails leaves its documents uncommitted (SolrCloud has no
 * rollback) until the retry replaces them.
 */
import { withEndpointCheck } from '../endpoints/check.js';
import type { BatchWriter, Sink, SinkContext } from '../types.js';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import { SolrClient } from './client.js';
import { SOLR_ENDPOINT_SETTINGS } from './connection-settings.js';
import { SOLR_CONFIG_XML, documentEncoder, schemaXml } from './documents.js';
import { solrOptions } from './options.js';

/** Documents per update request: a few MB of JSON for the customer model. */
export const CHUNK = 5_000;

export function describeSolr(ctx: SinkContext): string {
  const url = ctx.settings.properties.SOLR_URL?.trim() || '(SOLR_URL unset)';
  const collection = ctx.model.tableNames.SOLR_COLLECTION || ctx.settings.properties.SOLR_COLLECTION || ctx.model.name;
  // The node's address without credentials: this text starts error messages that are recorded.
  return `solr ${redactUrlUserInfo(url)} collection ${collection}`;
}

/** An error whose message starts with the sink and its address, e.g. "solr http://h:8983/solr collection c: ...". */
function solrFailure(ctx: SinkContext, doing: string, err: unknown): Error {
  return new Error(`${describeSolr(ctx)}: ${doing} failed: ${(err as Error)?.message ?? String(err)}`, { cause: err });
}

export const configSetName = (collection: string): string => `datagen_${collection}`;

async function prepare(ctx: SinkContext): Promise<void> {
  const opts = solrOptions(ctx);
  const client = new SolrClient(opts.url, opts.authorization);
  try {
    let exists = (await client.collections()).includes(opts.collection);
    if (exists && opts.deletePrevious) {
      await client.deleteCollection(opts.collection);
      exists = false;
    }
    if (exists) return;
    const configSet = configSetName(opts.collection);
    await client.uploadConfigFile(configSet, 'solrconfig.xml', SOLR_CONFIG_XML);
    await client.uploadConfigFile(configSet, 'schema.xml', schemaXml(ctx.columns));
    await client.createCollection(opts.collection, configSet, opts.shards, opts.replicas);
  } catch (err) {
    throw solrFailure(ctx, 'preparing the collection', err);
  }
}

async function open(ctx: SinkContext): Promise<BatchWriter> {
  const opts = solrOptions(ctx);
  const client = new SolrClient(opts.url, opts.authorization);
  const encoder = documentEncoder(ctx.columns, opts.keyColumns);
  return {
    async begin(batch, shard) {
      let next = shard.firstRow;
      return {
        async write(rows) {
          try {
            for (let start = 0; start < rows.length; start += CHUNK) {
              const chunk = rows.slice(start, start + CHUNK);
              await client.update(opts.collection, encoder.encode(ctx.commandUuid, batch, chunk, next));
              next += chunk.length;
            }
          } catch (err) {
            throw solrFailure(ctx, `adding batch ${batch}`, err);
          }
        },
        async commit() {
          try {
            await client.commit(opts.collection);
          } catch (err) {
            throw solrFailure(ctx, `committing batch ${batch}`, err);
          }
          return { rows: next - shard.firstRow, location: `solr collection ${opts.collection}` };
        },
        abort: async () => {},
      };
    },
    close: async () => {},
  };
}

export const solrSink: Sink = withEndpointCheck(SOLR_ENDPOINT_SETTINGS, {
  name: 'solr',
  validate: (ctx) => void solrOptions(ctx),
  prepare,
  open,
  finalize: async () => {},
  // Documents already committed stay: at-least-once delivery, de-duplicated by their ids.
  abort: async () => {},
  describe: describeSolr,
});
