/**
 * Column statistics as ORC's footer and stripe statistics hold them (ORCv1 "Column Statistics"): the count of
 * non-null values and hasNull for every column; minimum, maximum and sum for integers (sum left out once it
 * overflows 64 bits) and doubles (sum left out when not finite); minimum, maximum and total UTF-8 length for
 * strings (compared by UTF-8 bytes, as readers do); total length for binary; the count of trues for booleans;
 * minimum and maximum for dates (days) and timestamps (UTC milliseconds).
 */
import type { ColumnKind } from '../column-kinds.js';
import { ProtoMessage } from './protobuf.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Orders strings as their UTF-8 bytes do (UTF-16 order differs when a surrogate meets U+E000..U+FFFF). */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

export class ColumnStats {
  count = 0;
  hasNull = false;
  /** int, date, timestamp: min/max as numbers or bigints; double: numbers; string: strings. */
  min: number | bigint | string | undefined;
  max: number | bigint | string | undefined;
  /** int: exact while below 2^53 as a number, then a bigint; undefined after an overflow. double, string, binary: a number. */
  sum: number | bigint | undefined = 0;
  trues = 0;

  constructor(readonly kind: ColumnKind | 'struct') {}

  addNull(): void {
    this.hasNull = true;
  }

  addInt(v: number | bigint): void {
    this.count++;
    if (this.min === undefined || v < (this.min as number | bigint)) this.min = v;
    if (this.max === undefined || v > (this.max as number | bigint)) this.max = v;
    if (this.sum === undefined) return;
    if (typeof v === 'number' && typeof this.sum === 'number') {
      const s = this.sum + v;
      if (Number.isSafeInteger(s)) {
        this.sum = s;
        return;
      }
    }
    const s = BigInt(this.sum) + BigInt(v);
    this.sum = s < INT64_MIN || s > INT64_MAX ? undefined : s;
  }

  /** Dates and timestamps: min and max only. */
  addOrdered(v: number): void {
    this.count++;
    if (this.min === undefined || v < (this.min as number)) this.min = v;
    if (this.max === undefined || v > (this.max as number)) this.max = v;
  }

  addDouble(v: number): void {
    this.count++;
    if (!Number.isNaN(v)) {
      if (this.min === undefined || v < (this.min as number)) this.min = v;
      if (this.max === undefined || v > (this.max as number)) this.max = v;
    }
    this.sum = (this.sum as number) + v;
  }

  addString(v: string, bytes: number): void {
    this.count++;
    if (this.min === undefined || compareUtf8(v, this.min as string) < 0) this.min = v;
    if (this.max === undefined || compareUtf8(v, this.max as string) > 0) this.max = v;
    this.sum = (this.sum as number) + bytes;
  }

  addBinary(bytes: number): void {
    this.count++;
    this.sum = (this.sum as number) + bytes;
  }

  addBoolean(v: boolean): void {
    this.count++;
    if (v) this.trues++;
  }

  /** Folds another column's statistics (a stripe's, into the file's) into these. */
  merge(o: ColumnStats): void {
    this.hasNull ||= o.hasNull;
    this.trues += o.trues;
    if (o.min !== undefined) {
      const less = this.kind === 'string' ? (a: unknown, b: unknown) => compareUtf8(a as string, b as string) < 0 : (a: any, b: any) => a < b;
      if (this.min === undefined || less(o.min, this.min)) this.min = o.min;
      if (this.max === undefined || less(this.max, o.max)) this.max = o.max;
    }
    if (this.kind === 'int32' || this.kind === 'int64') {
      if (this.sum === undefined || o.sum === undefined) this.sum = undefined;
      else {
        const s = BigInt(this.sum) + BigInt(o.sum);
        this.sum = s < INT64_MIN || s > INT64_MAX ? undefined : Number.isSafeInteger(Number(s)) ? Number(s) : s;
      }
    } else if (typeof this.sum === 'number' && typeof o.sum === 'number') this.sum += o.sum;
    this.count += o.count;
  }

  /** The ColumnStatistics message. */
  message(): ProtoMessage {
    const m = new ProtoMessage().uint(1, this.count);
    const present = this.count > 0;
    switch (this.kind) {
      case 'int32':
      case 'int64': {
        const s = new ProtoMessage();
        if (present) s.sint(1, this.min as number | bigint).sint(2, this.max as number | bigint);
        if (this.sum !== undefined) s.sint(3, this.sum as number | bigint);
        m.message(2, s);
        break;
      }
      case 'double': {
        const s = new ProtoMessage();
        if (this.min !== undefined) s.double(1, this.min as number).double(2, this.max as number);
        if (Number.isFinite(this.sum)) s.double(3, this.sum as number);
        m.message(3, s);
        break;
      }
      case 'string': {
        const s = new ProtoMessage();
        if (present) s.string(1, this.min as string).string(2, this.max as string);
        m.message(4, s.sint(3, this.sum as number));
        break;
      }
      case 'boolean':
        m.message(5, new ProtoMessage().packed(1, [this.trues]));
        break;
      case 'date':
        m.message(7, present ? new ProtoMessage().sint(1, this.min as number).sint(2, this.max as number) : new ProtoMessage());
        break;
      case 'bytes':
        m.message(8, new ProtoMessage().sint(1, this.sum as number));
        break;
      case 'timestamp': {
        const s = new ProtoMessage();
        // minimum/maximum are in the writer's time zone, which is UTC here: both pairs hold the same values.
        // Values are whole milliseconds: maximumNanos 0 + 1 (readers take 999,999 sub-millisecond nanos without it).
        if (present) s.sint(1, this.min as number).sint(2, this.max as number).sint(3, this.min as number).sint(4, this.max as number).uint(6, 1);
        m.message(9, s);
        break;
      }
      case 'struct':
        break;
    }
    return m.bool(10, this.hasNull);
  }
}
