/**
 * One writer per column kind: converts each value (the shared as* converters) and keeps the column's streams of
 * the current stripe encoded in memory until the stripe is written.
 */
import type { Column, Value } from '../../../model/types.js';
import { asBoolean, asBytes, asDouble, asEpochDays, asEpochMillis, columnKind, type ColumnKind } from '../column-kinds.js';
import { BaseWriter, type ColumnWriter, type OrcStream } from './base-writer.js';
import { BooleanWriter } from './byte-rle.js';
import { ByteSink } from './byte-sink.js';
import { IntRleV2Writer } from './int-rle-v2.js';
import { EncodingKind, StreamKind } from './orc-types.js';
import { StringWriter } from './string-writer.js';
import { timestampNanos, timestampSeconds } from './timestamps.js';

export type { ColumnWriter } from './base-writer.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function asInt32Number(v: Value): number {
  const n = typeof v === 'bigint' ? Number(v) : v;
  if (typeof n === 'number' && Number.isInteger(n) && n >= -2147483648 && n <= 2147483647) return n;
  throw new TypeError(`cannot store ${typeof v} ${String(v)} as a 32-bit integer`);
}

/** A 64-bit integer as a number while exact, else a bigint. */
function asLong(v: Value): number | bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return v;
  if (typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX) return v;
  if (typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) return BigInt(v);
  throw new TypeError(`cannot store ${typeof v} ${String(v)} as a 64-bit integer`);
}

function epochMillis(v: Value): number {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  return Number(asEpochMillis(v));
}

/** INT, LONG and DATE: signed integer RLE v2. */
class IntegerWriter<T extends number | bigint> extends BaseWriter<T> {
  private readonly out = new ByteSink();
  private readonly rle = new IntRleV2Writer(this.out, true);

  constructor(column: Column, kind: ColumnKind, convert: (v: Value) => T, private readonly ordered: boolean) {
    super(column, kind, convert);
  }

  protected addValue(v: T): void {
    if (this.ordered) this.stats.addOrdered(v as number);
    else this.stats.addInt(v);
    this.rle.add(v);
  }
  protected dataSize(): number {
    return this.out.length;
  }
  protected streams(): OrcStream[] {
    this.rle.flush();
    return [{ kind: StreamKind.DATA, data: this.out.view() }];
  }
  protected encoding() {
    return { kind: EncodingKind.DIRECT_V2 };
  }
  protected resetData(): void {
    this.rle.flush();
    this.out.reset();
  }
}

class DoubleWriter extends BaseWriter<number> {
  private readonly out = new ByteSink();

  protected addValue(v: number): void {
    this.stats.addDouble(v);
    this.out.doubleLE(v);
  }
  protected dataSize(): number {
    return this.out.length;
  }
  protected streams(): OrcStream[] {
    return [{ kind: StreamKind.DATA, data: this.out.view() }];
  }
  protected encoding() {
    return { kind: EncodingKind.DIRECT };
  }
  protected resetData(): void {
    this.out.reset();
  }
}

class BoolWriter extends BaseWriter<boolean> {
  private readonly out = new ByteSink(256);
  private readonly bits = new BooleanWriter(this.out);

  protected addValue(v: boolean): void {
    this.stats.addBoolean(v);
    this.bits.add(v);
  }
  protected dataSize(): number {
    return this.out.length;
  }
  protected streams(): OrcStream[] {
    this.bits.flush();
    return [{ kind: StreamKind.DATA, data: this.out.view() }];
  }
  protected encoding() {
    return { kind: EncodingKind.DIRECT };
  }
  protected resetData(): void {
    this.bits.flush();
    this.out.reset();
  }
}

/** BINARY, DIRECT_V2: the bytes in DATA, their lengths in LENGTH (unsigned RLE v2). */
class BinaryWriter extends BaseWriter<Uint8Array> {
  private readonly out = new ByteSink();
  private readonly lengthOut = new ByteSink(256);
  private readonly lengths = new IntRleV2Writer(this.lengthOut, false);

  protected addValue(v: Uint8Array): void {
    this.out.bytes(v);
    this.stats.addBinary(v.length);
    this.lengths.add(v.length);
  }
  protected dataSize(): number {
    return this.out.length + this.lengthOut.length;
  }
  protected streams(): OrcStream[] {
    this.lengths.flush();
    return [
      { kind: StreamKind.DATA, data: this.out.view() },
      { kind: StreamKind.LENGTH, data: this.lengthOut.view() },
    ];
  }
  protected encoding() {
    return { kind: EncodingKind.DIRECT_V2 };
  }
  protected resetData(): void {
    this.lengths.flush();
    this.out.reset();
    this.lengthOut.reset();
  }
}

/** TIMESTAMP: seconds since 2015 in DATA (signed), formatted nanoseconds in SECONDARY (unsigned), both RLE v2. */
class TimestampWriter extends BaseWriter<number> {
  private readonly secondsOut = new ByteSink();
  private readonly nanosOut = new ByteSink(256);
  private readonly seconds = new IntRleV2Writer(this.secondsOut, true);
  private readonly nanos = new IntRleV2Writer(this.nanosOut, false);

  protected addValue(ms: number): void {
    this.stats.addOrdered(ms);
    this.seconds.add(timestampSeconds(ms));
    this.nanos.add(timestampNanos(ms));
  }
  protected dataSize(): number {
    return this.secondsOut.length + this.nanosOut.length;
  }
  protected streams(): OrcStream[] {
    this.seconds.flush();
    this.nanos.flush();
    return [
      { kind: StreamKind.DATA, data: this.secondsOut.view() },
      { kind: StreamKind.SECONDARY, data: this.nanosOut.view() },
    ];
  }
  protected encoding() {
    return { kind: EncodingKind.DIRECT_V2 };
  }
  protected resetData(): void {
    this.seconds.flush();
    this.nanos.flush();
    this.secondsOut.reset();
    this.nanosOut.reset();
  }
}

export function columnWriter(column: Column): ColumnWriter {
  const kind = columnKind(column.type);
  switch (kind) {
    case 'int32':
      return new IntegerWriter(column, kind, asInt32Number, false);
    case 'int64':
      return new IntegerWriter(column, kind, asLong, false);
    case 'date':
      return new IntegerWriter(column, kind, asEpochDays, true);
    case 'double':
      return new DoubleWriter(column, kind, asDouble);
    case 'boolean':
      return new BoolWriter(column, kind, asBoolean);
    case 'string':
      return new StringWriter(column);
    case 'bytes':
      return new BinaryWriter(column, kind, asBytes);
    case 'timestamp':
      return new TimestampWriter(column, kind, epochMillis);
  }
}
