/**
 * The frames the Kudu bridge reads and writes (pure; bridge/KuduBridge.java is the other side): a 4-byte
 * big-endian length, then the body. Request bodies: an op byte, the masters, the table, then the op's fields;
 * integers are big-endian, strings and bytes a 4-byte length and their bytes (UTF-8). A row is one cell per
 * column: a presence byte, then the value in its Kudu type's form. Answers: a status byte (0 ok, 1 error), then
 * the rows applied (upsert) or the error's message.
 */
import type { Row, Value } from '../../model/types.js';
import { asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, asInt32, asInt64, asString, convertValue } from '../files/column-kinds.js';
import type { KuduColumn, KuduType } from './schema.js';

export const OP_PREPARE = 1;
export const OP_UPSERT = 2;

/** The numbers the bridge knows the types by (KuduBridge.TYPES). */
const TYPE_CODE: Record<KuduType, number> = { STRING: 0, INT32: 1, INT64: 2, DOUBLE: 3, BOOL: 4, BINARY: 5, UNIXTIME_MICROS: 6, DATE: 7 };
export const FLUSH_CODE = { MANUAL_FLUSH: 0, AUTO_FLUSH_SYNC: 1, AUTO_FLUSH_BACKGROUND: 2 } as const;
export type FlushMode = keyof typeof FLUSH_CODE;

/** A growing buffer, written front to back. */
class Writer {
  private buf = Buffer.allocUnsafe(1 << 16);
  private at = 4; // the frame's length, filled in by frame()

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.at + n));
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  u8(v: number): void {
    this.room(1);
    this.buf[this.at++] = v;
  }

  i32(v: number): void {
    this.room(4);
    this.buf.writeInt32BE(v, this.at);
    this.at += 4;
  }

  i64(v: bigint): void {
    this.room(8);
    this.buf.writeBigInt64BE(v, this.at);
    this.at += 8;
  }

  f64(v: number): void {
    this.room(8);
    this.buf.writeDoubleBE(v, this.at);
    this.at += 8;
  }

  bytes(v: Uint8Array): void {
    this.i32(v.length);
    this.room(v.length);
    this.buf.set(v, this.at);
    this.at += v.length;
  }

  str(v: string): void {
    const n = Buffer.byteLength(v);
    this.i32(n);
    this.room(n);
    this.at += this.buf.write(v, this.at);
  }

  strings(list: readonly string[]): void {
    this.i32(list.length);
    for (const s of list) this.str(s);
  }

  frame(): Buffer {
    this.buf.writeInt32BE(this.at - 4, 0);
    return this.buf.subarray(0, this.at);
  }
}

type CellWriter = (w: Writer, v: Value) => void;

const CELL: Record<KuduType, CellWriter> = {
  STRING: (w, v) => w.str(asString(v)),
  INT32: (w, v) => w.i32(asInt32(v)),
  INT64: (w, v) => w.i64(asInt64(v)),
  DOUBLE: (w, v) => w.f64(asDouble(v)),
  BOOL: (w, v) => w.u8(asBoolean(v) ? 1 : 0),
  BINARY: (w, v) => w.bytes(asBytes(v)),
  // Epoch milliseconds to Kudu's microseconds: × 1000 (the original multiplied by 10⁶).
  UNIXTIME_MICROS: (w, v) => w.i64(asEpochMillis(v) * 1000n),
  DATE: (w, v) => w.i32(asEpochDays(v)),
};

export interface TableLayout {
  masters: string;
  table: string;
  deletePrevious: boolean;
  replicas: number;
  buckets: number;
  /** Key columns first, in key order. */
  columns: KuduColumn[];
  hashKeys: string[];
  rangeKeys: string[];
  /** Values of the one range key where range partitions start (range-splits.ts); none: one unbounded range. */
  rangeSplits: Value[];
}

export function prepareFrame(layout: TableLayout): Buffer {
  const w = new Writer();
  w.u8(OP_PREPARE);
  w.str(layout.masters);
  w.str(layout.table);
  w.u8(layout.deletePrevious ? 1 : 0);
  w.i32(layout.replicas);
  w.i32(layout.buckets);
  w.i32(layout.columns.length);
  for (const c of layout.columns) {
    w.str(c.name);
    w.u8(TYPE_CODE[c.type]);
    w.u8(c.key ? 1 : 0);
  }
  w.strings(layout.hashKeys);
  w.strings(layout.rangeKeys);
  w.i32(layout.rangeSplits.length);
  const rangeColumn = layout.columns.find((c) => c.name === layout.rangeKeys[0]);
  for (const v of layout.rangeSplits) {
    w.u8(1);
    CELL[rangeColumn!.type](w, v);
  }
  return w.frame();
}

export interface UpsertTarget {
  masters: string;
  table: string;
  flush: FlushMode;
  buffer: number;
  columns: KuduColumn[];
}

/**
 * An upsert of `rows`, cells in `target.columns` order. `key` gives the value of a column the model does not
 * have (the derived row key) from the row's index in the chunk.
 */
export function upsertFrame(target: UpsertTarget, rows: readonly Row[], key?: (i: number) => string): Buffer {
  const w = new Writer();
  w.u8(OP_UPSERT);
  w.str(target.masters);
  w.str(target.table);
  w.u8(FLUSH_CODE[target.flush]);
  w.i32(target.buffer);
  w.i32(target.columns.length);
  for (const c of target.columns) {
    w.str(c.name);
    w.u8(TYPE_CODE[c.type]);
  }
  w.i32(rows.length);
  const cells = target.columns.map((c) => ({ c, write: CELL[c.type] }));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    for (const { c, write } of cells) {
      const v = c.derived ? key!(i) : row[c.name];
      if (v === null || v === undefined) {
        w.u8(0);
        continue;
      }
      w.u8(1);
      try {
        write(w, v);
      } catch {
        // Again through convertValue, whose error names the column (kept off the path of every cell).
        convertValue(c.source ?? { name: c.name, type: 'STRING' }, (x) => write(w, x), v);
        throw new TypeError(`column "${c.name}": value does not fit ${c.type}`);
      }
    }
  }
  return w.frame();
}

export type Answer = { ok: true; rows: number } | { ok: false; message: string };

/** An answer's body (without its length). */
export function readAnswer(body: Buffer): Answer {
  if (body[0] === 0) return { ok: true, rows: body.length >= 5 ? body.readInt32BE(1) : 0 };
  const n = body.readInt32BE(1);
  return { ok: false, message: body.subarray(5, 5 + n).toString('utf8') };
}
