/**
 * Avro object container files (Avro 1.x spec, "Object Container Files"), written with avsc's binary record
 * encoder. Pure: rows in, file bytes out. Codec "null" as in the original. The sync marker is derived from a
 * caller's key so that part files of one command share it and can be joined block by block (see avro-assemble).
 */
import { createHash } from 'node:crypto';
import avro from 'avsc';
import type { Column, ModelDefinition, Row } from '../../model/types.js';
import { avroRecordType } from './avro-record.js';
import { convertValue } from './column-kinds.js';

const BLOCK_BYTES = 64 * 1024;

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

export function avroEncoder(model: ModelDefinition, columns: Column[]): AvroEncoder {
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

  const blocks = (rows: Row[], sync: Buffer): Buffer => {
    const chunks: Buffer[] = [];
    let scratch = Buffer.allocUnsafe(BLOCK_BYTES * 2);
    let pos = 0;
    let count = 0;
    const flush = () => {
      if (!count) return;
      chunks.push(zigzagVarint(count), zigzagVarint(pos), Buffer.from(scratch.subarray(0, pos)), sync);
      pos = 0;
      count = 0;
    };
    for (const row of rows) {
      const rec = record(row);
      let next = type.encode(rec, scratch, pos);
      while (next < 0) {
        const bigger = Buffer.allocUnsafe(scratch.length * 2 + -next);
        scratch.copy(bigger, 0, 0, pos);
        scratch = bigger;
        next = type.encode(rec, scratch, pos);
      }
      pos = next;
      count++;
      if (pos >= BLOCK_BYTES) flush();
    }
    flush();
    return Buffer.concat(chunks);
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
