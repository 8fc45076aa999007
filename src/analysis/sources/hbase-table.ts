/**
 * An HBase table to analyse, through the REST gateway the service's HBASE_REST_URL names: its first rows through a
 * scanner, a thousand at a time. Each "family:qualifier" is a column, named by its qualifier when no other family
 * has the same one; the row key is left out (the model's key columns are not known). Cells are decoded per column
 * (hbase-cells.ts), with the decoder the first page's cells fit.
 */
import { NotFoundError } from '../../errors.js';
import { HBaseRestClient } from '../../sinks/hbase/client.js';
import { hbaseOptions } from '../../sinks/hbase/options.js';
import { describeHBase, hbaseSink } from '../../sinks/hbase/sink.js';
import type { SinkSettings } from '../../sinks/types.js';
import { cellDecoder, type CellDecoder } from '../hbase-cells.js';
import type { RecordSource } from '../record-source.js';
import { failuresNamed, readFailure, tableContext } from './sql-table.js';

const PAGE_ROWS = 1000;
const fromBase64 = (s: string) => Buffer.from(s, 'base64');

interface ScannedRow {
  key: string;
  cells: Map<string, Buffer>;
}
type Page = Map<string, Buffer>[];

/** The scanner's answers, each a run of rows; a row may continue in the next answer (same key). */
async function* answers(client: HBaseRestClient, table: string, scanner: string): AsyncIterable<ScannedRow[]> {
  try {
    for (;;) {
      const body = (await client.nextScan(table, scanner)) as { Row?: Array<{ key: string; Cell?: Array<{ column: string; $: string }> }> } | undefined;
      if (!body) return;
      yield (body.Row ?? []).map((r) => ({ key: r.key, cells: new Map((r.Cell ?? []).map((c) => [fromBase64(c.column).toString('utf8'), fromBase64(c.$)])) }));
    }
  } finally {
    await client.closeScanner(table, scanner).catch(() => {});
    client.close();
  }
}

/** Pages of whole rows (a row split across answers joined again), at most `limit` rows in all. */
async function* pages(scans: AsyncIterable<ScannedRow[]>, limit: number): AsyncIterable<Page> {
  let pending: ScannedRow | undefined;
  let read = 0;
  for await (const answer of scans) {
    const page: Page = [];
    for (const row of answer) {
      if (pending && pending.key === row.key) for (const [c, v] of row.cells) pending.cells.set(c, v);
      else {
        if (pending) page.push(pending.cells);
        pending = row;
      }
    }
    const taken = page.slice(0, limit - read);
    read += taken.length;
    if (taken.length) yield taken;
    if (read >= limit) return;
  }
  if (pending && read < limit) yield [pending.cells];
}

/** Column names: the qualifier, unless two families share it. */
function columnNames(columns: string[]): Map<string, string> {
  const qualifier = (c: string) => c.slice(c.indexOf(':') + 1);
  const count = new Map<string, number>();
  for (const c of columns) count.set(qualifier(c), (count.get(qualifier(c)) ?? 0) + 1);
  return new Map(columns.map((c) => [c, count.get(qualifier(c)) === 1 ? qualifier(c) : c]));
}

async function* decoded(source: AsyncIterable<Page>): AsyncIterable<Record<string, unknown>> {
  let decoders: Map<string, CellDecoder> | undefined;
  let names = new Map<string, string>();
  for await (const page of source) {
    if (!decoders) {
      const cells = new Map<string, Buffer[]>();
      for (const row of page) for (const [c, v] of row) cells.set(c, [...(cells.get(c) ?? []), v]);
      decoders = new Map([...cells].map(([c, vs]) => [c, cellDecoder(vs)]));
      names = columnNames([...cells.keys()]);
    }
    for (const row of page) {
      const out: Record<string, unknown> = {};
      for (const [c, v] of row) out[names.get(c) ?? c] = (decoders.get(c) ?? ((b: Buffer) => b.toString('utf8')))(v);
      yield out;
    }
  }
}

export function hbaseTableSource(settings: SinkSettings, table: string, namespace?: string): RecordSource {
  return {
    name: table,
    open: async (limit) => {
      const ctx = tableContext(settings, table, { HBASE_TABLE_NAME: table, ...(namespace ? { HBASE_NAMESPACE: namespace } : {}) });
      hbaseSink.validate(ctx);
      const o = hbaseOptions(ctx);
      const where = describeHBase(ctx);
      const client = new HBaseRestClient(o.rest);
      let scanner: string;
      try {
        // The gateway opens a scanner on a missing table too (its first page is the 404): the schema says first.
        if ((await client.schema(o.qualifiedTable)) === undefined) throw new NotFoundError(`${where}: there is no such table`, { table: o.qualifiedTable });
        scanner = await client.openScanner(o.qualifiedTable, { batch: PAGE_ROWS * 100, caching: PAGE_ROWS });
      } catch (err) {
        client.close();
        if (err instanceof NotFoundError) throw err;
        throw readFailure(where, 'opening a scanner', err);
      }
      return { records: failuresNamed(decoded(pages(answers(client, o.qualifiedTable, scanner), limit)), where) };
    },
  };
}
