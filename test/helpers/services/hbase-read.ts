/** Reading an HBase table back in tests through the REST gateway's scanner, with plain fetch (independent of the sink). */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { resolveJars } from './java.js';

export type TableContent = Map<string, Map<string, string>>;
export type TableBytes = Map<string, Map<string, Buffer>>;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Every row of `table` ("ns:table"): row key → "family:qualifier" → value as UTF-8 text. */
export async function scanTable(restUrl: string, table: string): Promise<TableContent> {
  const bytes = await scanTableBytes(restUrl, table);
  return new Map([...bytes].map(([key, cells]) => [key, new Map([...cells].map(([c, v]) => [c, v.toString('utf8')]))]));
}

/** Every row of `table`: row key → "family:qualifier" → the cell's bytes. */
export async function scanTableBytes(restUrl: string, table: string): Promise<TableBytes> {
  const created = await fetch(`${restUrl}/${table}/scanner`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ batch: 10_000 }) });
  if (created.status !== 201) throw new Error(`scanner on ${table}: HTTP ${created.status} ${await created.text()}`);
  const location = created.headers.get('location')!;
  const rows: TableBytes = new Map();
  try {
    for (;;) {
      const res = await fetch(location, { headers: { Accept: 'application/json' } });
      if (res.status === 204) break;
      if (!res.ok) throw new Error(`scanner next: HTTP ${res.status}`);
      const body = (await res.json()) as { Row: { key: string; Cell: { column: string; $: string }[] }[] };
      for (const row of body.Row) {
        const key = text(row.key);
        const cells = rows.get(key) ?? new Map<string, Buffer>();
        for (const cell of row.Cell) cells.set(text(cell.column), Buffer.from(cell.$, 'base64'));
        rows.set(key, cells);
      }
    }
  } finally {
    await fetch(location, { method: 'DELETE' });
  }
  return rows;
}

export async function tableFamilies(restUrl: string, table: string): Promise<string[]> {
  const res = await fetch(`${restUrl}/${table}/schema`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`schema of ${table}: HTTP ${res.status}`);
  const schema = (await res.json()) as { ColumnSchema: { name: string }[] };
  return schema.ColumnSchema.map((c) => c.name).sort();
}

export type BytesKind = 'int' | 'long' | 'float' | 'boolean' | 'string';
const DECODER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'java', 'HBaseBytesDecoder.java');

/** What HBase's own Bytes.toInt/toLong/toFloat/toBoolean/toString read from each value, as Java prints it. */
export async function decodeWithHBaseBytes(values: [BytesKind, Buffer][]): Promise<string[]> {
  const lib = await resolveJars('hbase');
  const child = promisify(execFile)('java', ['-Xmx128m', '-cp', path.join(lib, '*'), DECODER], { maxBuffer: 64 * 1024 * 1024, timeout: 120_000 });
  child.child.stdin!.end(values.map(([kind, v]) => `${kind}\t${v.toString('base64')}\n`).join(''));
  const { stdout } = await child;
  return stdout.split('\n').slice(0, values.length).map((line, i) => (values[i]![0] === 'string' ? Buffer.from(line, 'base64').toString('utf8') : line));
}
