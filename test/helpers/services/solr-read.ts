/** Reading a SolrCloud collection back for tests: every stored document, the collections, a collection's layout. */
import { solrTestAuthorization } from './solr.js';

async function get(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { Authorization: solrTestAuthorization(), Accept: 'application/json' } });
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text, exactIntegers);
}

/** JSON.parse reviver: integers past 2^53 (plong values) as bigint, from their source text. */
function exactIntegers(_key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value) && context?.source && /^-?\d+$/.test(context.source)) {
    return BigInt(context.source);
  }
  return value;
}

export type SolrDoc = Record<string, unknown>;

/** Every document of the collection by /select (q=*:*), sorted by id; `_version_` dropped. */
export async function selectAll(solrUrl: string, collection: string, max = 100_000): Promise<{ numFound: number; docs: SolrDoc[] }> {
  const q = new URLSearchParams({ q: '*:*', rows: String(max), sort: 'id asc', wt: 'json' });
  const body = (await get(`${solrUrl}/${collection}/select?${q}`)) as { response: { numFound: number; docs: SolrDoc[] } };
  const docs = body.response.docs.map(({ _version_: _, ...doc }) => doc);
  return { numFound: body.response.numFound, docs };
}

/** numFound of a query, e.g. "age:[30 TO 39]", to check that values are indexed typed. */
export async function count(solrUrl: string, collection: string, query: string): Promise<number> {
  const q = new URLSearchParams({ q: query, rows: '0', wt: 'json' });
  return ((await get(`${solrUrl}/${collection}/select?${q}`)) as { response: { numFound: number } }).response.numFound;
}

export async function collections(solrUrl: string): Promise<string[]> {
  return ((await get(`${solrUrl}/admin/collections?action=LIST&wt=json`)) as { collections: string[] }).collections;
}

/** Shards of the collection and the replicas of each, from CLUSTERSTATUS. */
export async function layout(solrUrl: string, collection: string): Promise<{ shards: number; replicas: number[] }> {
  const body = (await get(`${solrUrl}/admin/collections?action=CLUSTERSTATUS&collection=${collection}&wt=json`)) as {
    cluster: { collections: Record<string, { shards: Record<string, { replicas: Record<string, unknown> }> }> };
  };
  const shards = Object.values(body.cluster.collections[collection]!.shards);
  return { shards: shards.length, replicas: shards.map((s) => Object.keys(s.replicas).length) };
}

/** The field types the collection's schema declares, by field name. */
export async function fieldTypes(solrUrl: string, collection: string): Promise<Record<string, string>> {
  const body = (await get(`${solrUrl}/${collection}/schema/fields?wt=json`)) as { fields: { name: string; type: string }[] };
  return Object.fromEntries(body.fields.map((f) => [f.name, f.type]));
}
