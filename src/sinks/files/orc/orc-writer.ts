/**
 * A streaming ORC file writer (ORCv1, file version 0.12): head() + chunk(rows)* + end() is a complete file. Only
 * the current stripe is held, encoded; a stripe is written once it holds `stripeRows` rows or, checked every
 * 1024 rows, `stripeSize` bytes of encoded data, so the file depends on the rows only, never on how they were
 * split into chunks. Each stripe is its columns' streams followed by its footer (no row index); the tail is the
 * per-stripe statistics, the footer (schema: a struct of the model's columns; file statistics) and the postscript.
 */
import type { Column, Row } from '../../../model/types.js';
import { columnKind } from '../column-kinds.js';
import { columnWriter, type ColumnWriter } from './column-writers.js';
import { byteLength, COMPRESSION_KIND, compressStream, type OrcCompression } from './compression.js';
import { footer, metadata, postScript, stripeFooter, type StreamInfo, type StripeInfo } from './orc-messages.js';
import { EncodingKind, ORC_TYPE } from './orc-types.js';
import { ColumnStats } from './statistics.js';

export interface OrcOptions {
  compression: OrcCompression;
  /** Encoded bytes after which a stripe is written (checked every 1024 rows). */
  stripeSize: number;
  /** Rows after which a stripe is written. */
  stripeRows: number;
  /** Compression chunk size (at most 2^23 - 1). */
  blockSize: number;
}

export const DEFAULT_ORC_OPTIONS: OrcOptions = {
  compression: 'ZLIB',
  stripeSize: 64 * 1024 * 1024,
  stripeRows: 1_000_000,
  blockSize: 256 * 1024,
};

export interface OrcWriter {
  /** The bytes of the file's start ('ORC'). */
  head(): Uint8Array;
  /** Adds rows; returns the bytes of any stripes completed by them, or an empty array. */
  chunk(rows: Row[]): Uint8Array;
  /** Flushes the last stripe and returns it followed by the file footer, postscript and its length byte. */
  end(): Uint8Array;
}

const MAGIC = Uint8Array.of(0x4f, 0x52, 0x43);
const SIZE_CHECK_ROWS = 1024;
const TIME_ZONE = 'UTC';

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(byteLength(parts));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function orcWriter(columns: Column[], options: OrcOptions): OrcWriter {
  const names = columns.map((c) => c.name);
  const writers: ColumnWriter[] = columns.map(columnWriter);
  const fileStats = [new ColumnStats('struct'), ...columns.map((c) => new ColumnStats(columnKind(c.type)))];
  const stripes: StripeInfo[] = [];
  const stripeStats: ColumnStats[][] = [];
  const compress = (data: Uint8Array) => compressStream(data, options.compression, options.blockSize);
  let offset = MAGIC.length;
  let rowsInStripe = 0;
  let totalRows = 0;

  const stripeBytes = (): Uint8Array => {
    const parts: Uint8Array[] = [];
    const streams: StreamInfo[] = [];
    const rootStats = new ColumnStats('struct');
    rootStats.count = rowsInStripe;
    const stats = [rootStats];
    const encodings: { kind: number; dictionarySize?: number }[] = [{ kind: EncodingKind.DIRECT }];
    writers.forEach((w, i) => {
      const col = w.finish();
      for (const s of col.streams) {
        const packed = compress(s.data);
        parts.push(...packed);
        streams.push({ kind: s.kind, column: i + 1, length: byteLength(packed) });
      }
      encodings.push(col.encoding);
      stats.push(col.stats);
    });
    const dataLength = byteLength(parts);
    const sf = compress(stripeFooter(streams, encodings, TIME_ZONE));
    const footerLength = byteLength(sf);
    stripes.push({ offset, indexLength: 0, dataLength, footerLength, numberOfRows: rowsInStripe });
    stripeStats.push(stats);
    stats.forEach((s, i) => fileStats[i]!.merge(s));
    offset += dataLength + footerLength;
    rowsInStripe = 0;
    // The streams are views of the writers' buffers: copy them out before the writers are reset.
    const bytes = concat([...parts, ...sf]);
    for (const w of writers) w.reset();
    return bytes;
  };

  const encodedSize = () => {
    let n = 0;
    for (const w of writers) n += w.size();
    return n;
  };

  return {
    head: () => MAGIC.slice(),
    chunk(rows) {
      const done: Uint8Array[] = [];
      for (const row of rows) {
        for (let c = 0; c < writers.length; c++) writers[c]!.add(row[names[c]!]);
        rowsInStripe++;
        totalRows++;
        if (rowsInStripe >= options.stripeRows || (rowsInStripe % SIZE_CHECK_ROWS === 0 && encodedSize() >= options.stripeSize)) {
          done.push(stripeBytes());
        }
      }
      return done.length === 1 ? done[0]! : concat(done);
    },
    end() {
      const parts: Uint8Array[] = [];
      if (rowsInStripe) parts.push(stripeBytes());
      const meta = compress(metadata(stripeStats));
      fileStats[0]!.count = totalRows;
      const foot = compress(
        footer({
          contentLength: offset,
          stripes,
          fields: columns.map((c) => ({ name: c.name, kind: ORC_TYPE[columnKind(c.type)] })),
          numberOfRows: totalRows,
          statistics: fileStats,
        }),
      );
      const ps = postScript({
        footerLength: byteLength(foot),
        compression: COMPRESSION_KIND[options.compression],
        blockSize: options.blockSize,
        metadataLength: byteLength(meta),
      });
      return concat([...parts, ...meta, ...foot, ps, Uint8Array.of(ps.length)]);
    },
  };
}
