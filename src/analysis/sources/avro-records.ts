/**
 * Records of an Avro object container file, streamed block by block, with the writer's schema as the columns:
 * longs as bigint (the whole 64-bit range), timestamp-millis/micros as Dates, dates as Dates at midnight UTC.
 * Codecs: null, deflate and snappy.
 */
import type { Readable } from 'node:stream';
import { once } from 'node:events';
import { inflateRaw } from 'node:zlib';
import avro from 'avsc';
import { snappyUncompress } from 'hyparquet';
import { BadRequestError } from '../../errors.js';
import type { FieldType } from '../../model/types.js';
import { avroTypeWithBigLongs } from '../../sinks/files/avro-long.js';
import type { DeclaredColumn, Records } from '../record-source.js';

type Convert = (v: unknown) => unknown;
interface FieldSchema {
  name: string;
  type: unknown;
}

/** Avro snappy blocks: the raw snappy data (its length a varint at the start) followed by a 4-byte CRC. */
function snappyCodec(buf: Buffer, cb: (err: Error | null, out?: Buffer) => void): void {
  try {
    const data = buf.subarray(0, buf.length - 4);
    let length = 0;
    for (let i = 0, shift = 0; i < 5; i++, shift += 7) {
      const b = data[i]!;
      length += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    const out = new Uint8Array(length);
    snappyUncompress(data, out);
    cb(null, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  } catch (e) {
    cb(e as Error);
  }
}

/** Given codecs replace avsc's own: all three are listed. */
const CODECS = {
  null: (buf: Buffer, cb: (err: Error | null, out?: Buffer) => void) => cb(null, buf),
  deflate: (buf: Buffer, cb: (err: Error | null, out?: Buffer) => void) => inflateRaw(buf, cb),
  snappy: snappyCodec,
};

/** The non-null branch of a ['null', X] union, or the type itself. */
function branch(type: unknown): unknown {
  return Array.isArray(type) ? (type.find((t) => t !== 'null') ?? 'null') : type;
}

function describe(type: unknown): { declared?: FieldType; convert?: Convert } {
  const t = branch(type);
  const name = typeof t === 'string' ? t : (t as { type?: string }).type;
  const logical = typeof t === 'object' && t ? (t as { logicalType?: string }).logicalType : undefined;
  if (logical === 'timestamp-millis') return { declared: 'DATE', convert: (v) => (v === null ? v : new Date(Number(v))) };
  if (logical === 'timestamp-micros') return { declared: 'DATE', convert: (v) => (v === null ? v : new Date(Number(BigInt(v as bigint) / 1000n))) };
  if (logical === 'date') return { declared: 'BIRTHDATE', convert: (v) => (v === null ? v : new Date(Number(v) * 86_400_000)) };
  const declared: Partial<Record<string, FieldType>> = { int: 'INTEGER', long: 'LONG', float: 'FLOAT', double: 'FLOAT', boolean: 'BOOLEAN', string: 'STRING', bytes: 'BYTES', fixed: 'BYTES' };
  return { declared: name ? declared[name] : undefined };
}

async function* converted(decoder: AsyncIterable<Record<string, unknown>>, converts: Map<string, Convert>, input: Readable): AsyncIterable<Record<string, unknown>> {
  try {
    for await (const record of decoder) {
      const out: Record<string, unknown> = { ...record };
      for (const [name, convert] of converts) out[name] = convert(out[name] ?? null);
      yield out;
    }
  } finally {
    input.destroy();
  }
}

export async function avroRecords(input: Readable, where: string): Promise<Records> {
  const decoder = new avro.streams.BlockDecoder({ parseHook: (schema) => avroTypeWithBigLongs(schema), codecs: CODECS as never });
  input.on('error', (e) => decoder.destroy(e));
  input.pipe(decoder);
  let header: { meta: Record<string, Buffer> };
  try {
    [, , header] = (await once(decoder, 'metadata')) as [avro.Type, string, { meta: Record<string, Buffer> }];
  } catch (e) {
    input.destroy();
    throw new BadRequestError(`${where} is not an Avro object container file (${(e as Error).message})`);
  }
  // The writer's schema as written: avsc's parsed type drops the logical types it has no implementation for.
  const schema = JSON.parse(header.meta['avro.schema']!.toString('utf8')) as { fields?: FieldSchema[] };
  const fields = schema.fields ?? [];
  const columns: DeclaredColumn[] = [];
  const converts = new Map<string, Convert>();
  for (const f of fields) {
    const d = describe(f.type);
    columns.push({ name: f.name, ...(d.declared ? { type: d.declared } : {}) });
    if (d.convert) converts.set(f.name, d.convert);
  }
  return { columns, records: converted(decoder as AsyncIterable<Record<string, unknown>>, converts, input) };
}
