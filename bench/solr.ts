/**
 * Solr sink figures: rows/s of the 10-field customer model into a real SolrCloud (MiniSolrCloudCluster, two
 * nodes in one JVM on this machine, started by the test harness), one writer, next to Solr's own limit here: the
 * same documents, encoded before timing, POSTed to /update with plain fetch in the same request sizes, one commit
 * per batch, into a twin collection. The two alternate batch by batch (after one untimed warm-up batch each), so
 * both see the same machine load and the same warmed-up Solr. Standalone: `node --import tsx bench/solr.ts`.
 */
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CHUNK, solrSink } from '../src/sinks/solr/sink.js';
import { documentEncoder } from '../src/sinks/solr/documents.js';
import type { Row } from '../src/model/types.js';
import { writeBatch } from '../src/sinks/write-batch.js';
import { CUSTOMER_COLUMNS, customerModel, customerRows, sinkCtx } from '../test/helpers/services/fixtures.js';
import { solrEnv, solrTestAuthorization, startSolr } from '../test/helpers/services/solr.js';
import { timed } from './timed.js';
import type { BenchResult } from './types.js';

const ROWS = 20_000;
const BATCHES = 5;

/** POSTs a batch's pre-encoded bodies and commits. */
async function plainBatch(url: string, collection: string, bodies: string[]): Promise<void> {
  const headers = { 'Content-Type': 'application/json', Authorization: solrTestAuthorization() };
  const post = async (path: string, body: string) => {
    const res = await fetch(`${url}/${collection}${path}`, { method: 'POST', headers, body });
    if (!res.ok) throw new Error(`POST ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    await res.arrayBuffer();
  };
  for (const body of bodies) await post('/update', body);
  await post('/update?commit=true', '[]');
}

export async function benchSolr(): Promise<BenchResult[]> {
  const solr = await startSolr();
  try {
    const props = solrEnv(solr.url);
    const collection = `bench_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    const ctx = sinkCtx(customerModel('customer', { SOLR_COLLECTION: collection }, { SOLR_SHARDS: '2' }), props, ROWS, BATCHES, randomUUID());
    const plainCollection = `${collection}_plain`;
    await solrSink.prepare(ctx);
    // The twin collection has the same layout and schema: the sink's prepare creates it.
    await solrSink.prepare(sinkCtx(customerModel('customer', { SOLR_COLLECTION: plainCollection }, { SOLR_SHARDS: '2' }), props, ROWS, BATCHES, randomUUID()));
    const encoder = documentEncoder(CUSTOMER_COLUMNS, ['id']);
    const bodiesOf = (b: number, rows: Row[]) => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => encoder.encode('plain', b, rows.slice(i * CHUNK, (i + 1) * CHUNK), i * CHUNK));
    const writer = await solrSink.open(ctx);
    let sinkSeconds = 0;
    let plainSeconds = 0;
    let cpuUs = 0;
    try {
      const warm = customerRows(BATCHES, ROWS);
      await writeBatch(writer, BATCHES, warm);
      await plainBatch(solr.url, plainCollection, bodiesOf(BATCHES, warm));
      for (let b = 0; b < BATCHES; b++) {
        const rows = customerRows(b, ROWS);
        const cpu0 = process.cpuUsage();
        sinkSeconds += await timed(() => writeBatch(writer, b, rows));
        const cpu = process.cpuUsage(cpu0);
        cpuUs += cpu.user + cpu.system;
        const bodies = bodiesOf(b, rows);
        plainSeconds += await timed(() => plainBatch(solr.url, plainCollection, bodies));
      }
    } finally {
      await writer.close();
    }
    const total = BATCHES * ROWS;
    const [sink, plain] = [total / sinkSeconds, total / plainSeconds];
    const note = `${BATCHES} batches x ${ROWS.toLocaleString('en-US')} rows, 10 fields, 2 shards on one machine, ${CHUNK.toLocaleString('en-US')} documents a request`;
    return [
      { name: 'solr sink, JSON /update + one commit per batch, one writer', value: sink, unit: 'rows/s', note: `${note}; ${Math.round(total / (cpuUs / 1e6)).toLocaleString('en-US')} rows per CPU-second of the writer` },
      { name: 'plain fetch POSTs of the same pre-encoded documents (Solr\'s limit)', value: plain, unit: 'rows/s', note: `${note}, alternating with the sink's batches; sink/plain ${(sink / plain).toFixed(2)}` },
    ];
  } finally {
    await solr.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchSolr()) console.log(`${r.name.padEnd(72)} ${Math.round(r.value).toLocaleString('en-US').padStart(10)} ${r.unit}  (${r.note})`);
  process.exit(0);
}
