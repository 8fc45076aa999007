/**
 * Records of an ORC file (the reader in ../orc/), stripe by stripe from a ranged buffer: only the tail, then for
 * each stripe its footer and the data streams of the top-level columns, until `limit` rows are read (memory
 * bounded by one stripe). Columns are the root struct's fields; nested ones (list, map, struct, union) are left out.
 */
import type { AsyncBuffer } from 'hyparquet';
import { BadRequestError } from '../../errors.js';
import type { FieldType } from '../../model/types.js';
import { columnValues, Kind, READ_KINDS } from '../orc/column-values.js';
import { decompress } from '../orc/decompress.js';
import { readBytes, readStripeFooter, readTail, type OrcTail, type Stripe } from '../orc/orc-tail.js';
import type { DeclaredColumn, Records } from '../record-source.js';

const DECLARED: Partial<Record<number, FieldType>> = {
  [Kind.BOOLEAN]: 'BOOLEAN', [Kind.BYTE]: 'INTEGER', [Kind.SHORT]: 'INTEGER', [Kind.INT]: 'INTEGER', [Kind.LONG]: 'LONG',
  [Kind.FLOAT]: 'FLOAT', [Kind.DOUBLE]: 'FLOAT', [Kind.DECIMAL]: 'FLOAT', [Kind.STRING]: 'STRING', [Kind.VARCHAR]: 'STRING',
  [Kind.CHAR]: 'STRING', [Kind.BINARY]: 'BYTES', [Kind.TIMESTAMP]: 'DATE', [Kind.TIMESTAMP_INSTANT]: 'DATE', [Kind.DATE]: 'BIRTHDATE',
};

interface TopColumn {
  name: string;
  id: number;
  kind: number;
}

function topColumns(tail: OrcTail): TopColumn[] {
  const root = tail.types[0]!;
  return root.subtypes
    .map((id, i) => ({ name: root.fieldNames[i] ?? `_col${i}`, id, kind: tail.types[id]?.kind ?? -1 }))
    .filter((c) => READ_KINDS.has(c.kind));
}

/** The first `rows` rows of `stripe`, as one object per row. */
async function stripeRows(file: AsyncBuffer, tail: OrcTail, stripe: Stripe, columns: TopColumn[], rows: number): Promise<Record<string, unknown>[]> {
  const footer = await readStripeFooter(file, tail, stripe);
  const wanted = new Set(columns.map((c) => c.id));
  const streams = new Map<string, Uint8Array>();
  for (const s of footer.streams) {
    // Index streams (row index, bloom filters: kinds 6 and above) are not needed.
    if (!wanted.has(s.column) || s.kind > 5 || s.length === 0) continue;
    streams.set(`${s.column}:${s.kind}`, decompress(await readBytes(file, s.offset, s.offset + s.length), tail.compression, tail.blockSize));
  }
  const values = columns.map((c) =>
    columnValues({ kind: c.kind, encoding: footer.encodings[c.id] ?? { kind: 0, dictionarySize: 0 }, stream: (kind) => streams.get(`${c.id}:${kind}`) }, rows),
  );
  return Array.from({ length: rows }, (_, r) => Object.fromEntries(columns.map((c, i) => [c.name, values[i]![r]])));
}

async function* allRows(file: AsyncBuffer, tail: OrcTail, columns: TopColumn[], limit: number, where: string): AsyncIterable<Record<string, unknown>> {
  let left = limit;
  for (const stripe of tail.stripes) {
    if (left <= 0) return;
    const rows = Math.min(left, stripe.rows);
    let batch: Record<string, unknown>[];
    try {
      batch = await stripeRows(file, tail, stripe, columns, rows);
    } catch (e) {
      throw new BadRequestError(`${where}: the ORC stripe at byte ${stripe.offset} cannot be read (${(e as Error).message})`);
    }
    left -= rows;
    yield* batch;
  }
}

export async function orcRecords(file: AsyncBuffer, limit: number, where: string): Promise<Records> {
  let tail: OrcTail;
  try {
    tail = await readTail(file);
  } catch (e) {
    throw new BadRequestError(`${where} is not an ORC file this service reads (${(e as Error).message})`);
  }
  const columns = topColumns(tail);
  const declared: DeclaredColumn[] = columns.map((c) => ({ name: c.name, ...(DECLARED[c.kind] ? { type: DECLARED[c.kind] } : {}) }));
  return { columns: declared, records: allRows(file, tail, columns, limit, where) };
}
