/**
 * Avro object container files (Avro 1.x spec, "Object Container Files"). Pure: rows in, file bytes out. Codec
 * "null" as in the original. Records are written by the compiled record writer (avro-compiled.ts), which gives
 * avsc's bytes; avsc's own encoder stays as that writer's fallback and as the reference it is tested against. The
 * sync marker is derived from a caller's key so that part files of one command share it and can be joined block
 * by block.
 */
import { createHash } from 'node:crypto';
import avro from 'avsc';
import type { Column, ModelDefinition, Row } from '../../model/types.js';
import { compileAvroRecords, grow, MAX_COMPILED_FIELDS, type RecordBuffer, type RecordWriter, type RowFallback } from './avro-compiled.js';
import { avroRecordType } from './avro-record.js';
import { convertValue } from './column-kinds.js';

const BLOCK_BYTES = 64 * 1024;
/** A block's count and byte size, each a varint of at most 5 bytes (blocks stay far below 2^34 rows or bytes). */
const MAX_BLOCK_HEADER = 10;

/** The container file header: magic, metadata map, sync marker. */
export const HEADER_TYPE = avro.Type.forSchema({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
});
const MAGIC = Buffer.from([0x4f, 0x62, 0x6a, 0x01]);

/** A deterministic 16-byte sync marker: the same key gives the same marker. */
export function syncMarker(key: string): Buffer {
  return createHash('sha256').update(`datagen-avro-sync:${key}`).digest().subarray(0, 16);
}

function zigzagVarint(n: number): Buffer {
  let z = n >= 0 ? n * 2 : -n * 2 - 1;
  const bytes: number[] = [];
  while (z >= 0x80) {
    bytes.push((z % 0x80) | 0x80);
    z = Math.floor(z / 0x80);
  }
  bytes.push(z);
  return Buffer.from(bytes);
}

export interface AvroEncoder {
  readonly schemaJson: string;
  /** The container file's header: magic, schema, codec, sync marker. */
  header(sync: Buffer): Buffer;
  /** `rows` as data blocks (about 64 KB each), each followed by `sync`. */
  blocks(rows: Row[], sync: Buffer): Buffer;
  /** A complete container file holding `rows`. */
  encodeFile(rows: Row[], sync: Buffer): Buffer;
}

export interface AvroEncoderOptions {
  /** 'avsc': every record through avsc's type.encode, the generic path (a baseline for tests and benches). */
  records?: 'compiled' | 'avsc';
}

export function avroEncoder(model: ModelDefinition, columns: Column[], options: AvroEncoderOptions = {}): AvroEncoder {
  const { schema, type, fields } = avroRecordType(model, columns);
  const schemaJson = JSON.stringify(schema);
  const header = (sync: Buffer) =>
    HEADER_TYPE.toBuffer({ magic: MAGIC, meta: { 'avro.schema': Buffer.from(schemaJson), 'avro.codec': Buffer.from('null') }, sync });

  const record = (row: Row): Record<string, unknown> => {
    const rec: Record<string, unknown> = {};
    for (const f of fields) {
      const v = row[f.column];
      rec[f.name] = v === null || v === undefined ? null : convertValue({ name: f.column, type: f.type }, f.convert, v);
    }
    return rec;
  };
  const avscRow: RowFallback = (row, out) => {
    const rec = record(row);
    let next = type.encode(rec, out.buf, out.pos);
    // A negative result is the bytes missing.
    while (next < 0) next = type.encode(rec, grow(out, out.pos, out.buf.length - out.pos - next), out.pos);
    return next;
  };
  const generic: RecordWriter = (rows, start, out, limit) => {
    let k = start;
    for (; k < rows.length && out.pos < limit; k++) out.pos = avscRow(rows[k]!, out);
    return k;
  };
  const write = options.records === 'avsc' || fields.length > MAX_COMPILED_FIELDS ? generic : compileAvroRecords(fields, avscRow);

  /**
   * Blocks are written in place into one buffer: each block's records after room for its longest header (count and
   * size varints, 5 bytes each), moved up to the header's real length once they are known.
   */
  const blocks = (rows: Row[], sync: Buffer): Buffer => {
    const out: RecordBuffer = { buf: Buffer.allocUnsafe(BLOCK_BYTES * 2), pos: 0 };
    for (let k = 0; k < rows.length; ) {
      const start = out.pos;
      const records = start + MAX_BLOCK_HEADER;
      out.pos = records;
      const next = write(rows, k, out, records + BLOCK_BYTES);
      const size = out.pos - records;
      const head = Buffer.concat([zigzagVarint(next - k), zigzagVarint(size)]);
      const buf = grow(out, out.pos, sync.length);
      if (head.length < MAX_BLOCK_HEADER) buf.copyWithin(start + head.length, records, records + size);
      head.copy(buf, start);
      out.pos = start + head.length + size;
      sync.copy(buf, out.pos);
      out.pos += sync.length;
      // After the first block, room for the rest at its bytes per row.
      if (!k && next < rows.length) grow(out, out.pos, Math.ceil((out.pos / next) * (rows.length - next) * 1.05) + BLOCK_BYTES);
      k = next;
    }
    // A view when little of the buffer is unused; otherwise a copy, so a caller does not hold the spare room.
    const used = out.buf.subarray(0, out.pos);
    return out.buf.length - out.pos <= out.pos / 8 ? used : Buffer.from(used);
  };

  return {
    schemaJson,
    header,
    blocks,
    encodeFile: (rows, sync) => Buffer.concat([header(sync), blocks(rows, sync)]),
  };
}

/** Length of a container file's header, i.e. where its first data block starts, and its sync marker. */
export function avroHeader(file: Buffer): { length: number; sync: Buffer; schemaJson: string } {
  const { value, offset } = HEADER_TYPE.decode(file, 0) as { value: { magic: Buffer; meta: Record<string, Buffer>; sync: Buffer } | undefined; offset: number };
  if (!value || offset < 0 || !value.magic.equals(MAGIC)) throw new Error('not an Avro object container file');
  return { length: offset, sync: value.sync, schemaJson: value.meta['avro.schema']?.toString() ?? '' };
}
