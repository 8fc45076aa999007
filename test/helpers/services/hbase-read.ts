/** Reading an HBase table back in tests through the REST gateway's scanner, with plain fetch (independent of the sink). */

export type TableContent = Map<string, Map<string, string>>;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

/** Every row of `table` ("ns:table"): row key → "family:qualifier" → value. */
export async function scanTable(restUrl: string, table: string): Promise<TableContent> {
  const created = await fetch(`${restUrl}/${table}/scanner`, { method: 'PUT', headers: JSON_HEADERS, body: JSON.stringify({ batch: 10_000 }) });
  if (created.status !== 201) throw new Error(`scanner on ${table}: HTTP ${created.status} ${await created.text()}`);
  const location = created.headers.get('location')!;
  const rows: TableContent = new Map();
  try {
    for (;;) {
      const res = await fetch(location, { headers: { Accept: 'application/json' } });
      if (res.status === 204) break;
      if (!res.ok) throw new Error(`scanner next: HTTP ${res.status}`);
      const body = (await res.json()) as { Row: { key: string; Cell: { column: string; $: string }[] }[] };
      for (const row of body.Row) {
        const key = text(row.key);
        const cells = rows.get(key) ?? new Map<string, string>();
        for (const cell of row.Cell) cells.set(text(cell.column), text(cell.$));
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
