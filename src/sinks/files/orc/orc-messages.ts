/** The ORC metadata messages this writer emits (ORCv1 "File Tail", "Stripe Footer"), as protobuf bytes. */
import type { ColumnStats } from './statistics.js';
import { ProtoMessage } from './protobuf.js';
import { TypeKind } from './orc-types.js';

export interface StripeInfo {
  offset: number;
  indexLength: number;
  dataLength: number;
  footerLength: number;
  numberOfRows: number;
}

export interface StreamInfo {
  kind: number;
  column: number;
  length: number;
}

/** File format version 0.12 (RLE v2); writer version 6 (ORC-135: timestamp statistics in UTC). */
const FILE_VERSION = [0, 12];
const WRITER_VERSION = 6;
/** Footer.calendar: dates and timestamps are proleptic Gregorian, as JavaScript's Date counts them. */
const CALENDAR_FIELD = 11;
const PROLEPTIC_GREGORIAN = 2;

export function stripeFooter(streams: StreamInfo[], encodings: { kind: number; dictionarySize?: number }[], timeZone: string): Uint8Array {
  const m = new ProtoMessage();
  for (const s of streams) m.message(1, new ProtoMessage().uint(1, s.kind).uint(2, s.column).uint(3, s.length));
  for (const e of encodings) {
    const enc = new ProtoMessage().uint(1, e.kind);
    if (e.dictionarySize !== undefined) enc.uint(2, e.dictionarySize);
    m.message(2, enc);
  }
  return m.string(3, timeZone).finish();
}

/** Per-stripe statistics (the file's Metadata section). */
export function metadata(stripes: ColumnStats[][]): Uint8Array {
  const m = new ProtoMessage();
  for (const stats of stripes) {
    const s = new ProtoMessage();
    for (const c of stats) s.message(1, c.message());
    m.message(1, s);
  }
  return m.finish();
}

export interface FooterFields {
  contentLength: number;
  stripes: StripeInfo[];
  /** Top-level field names and their ORC type kinds (column ids 1..n under the root struct 0). */
  fields: { name: string; kind: number }[];
  numberOfRows: number;
  statistics: ColumnStats[];
}

export function footer(f: FooterFields): Uint8Array {
  const m = new ProtoMessage().uint(1, 3).uint(2, f.contentLength);
  for (const s of f.stripes) {
    m.message(3, new ProtoMessage().uint(1, s.offset).uint(2, s.indexLength).uint(3, s.dataLength).uint(4, s.footerLength).uint(5, s.numberOfRows));
  }
  const root = new ProtoMessage().uint(1, TypeKind.STRUCT).packed(2, f.fields.map((_, i) => i + 1));
  for (const field of f.fields) root.string(3, field.name);
  m.message(4, root);
  for (const field of f.fields) m.message(4, new ProtoMessage().uint(1, field.kind));
  m.uint(6, f.numberOfRows);
  for (const s of f.statistics) m.message(7, s.message());
  // Row index stride 0: no row index is written.
  return m.uint(8, 0).uint(CALENDAR_FIELD, PROLEPTIC_GREGORIAN).finish();
}

export function postScript(p: { footerLength: number; compression: number; blockSize: number; metadataLength: number }): Uint8Array {
  return new ProtoMessage()
    .uint(1, p.footerLength)
    .uint(2, p.compression)
    .uint(3, p.blockSize)
    .packed(4, FILE_VERSION)
    .uint(5, p.metadataLength)
    .uint(6, WRITER_VERSION)
    .string(8000, 'ORC')
    .finish();
}
