/**
 * What every ORC column writer shares: the PRESENT bits (left out of a stripe without nulls), the conversion of
 * each value with the column named in its error, and the column's statistics; the kinds add their own streams.
 */
import type { Column, Value } from '../../../model/types.js';
import { convertValue, type ColumnKind } from '../column-kinds.js';
import { BooleanWriter } from './byte-rle.js';
import { ByteSink } from './byte-sink.js';
import { StreamKind } from './orc-types.js';
import { ColumnStats } from './statistics.js';

export interface OrcStream {
  kind: number;
  /** Valid until the column is reset. */
  data: Uint8Array;
}

export interface StripeColumn {
  streams: OrcStream[];
  encoding: { kind: number; dictionarySize?: number };
  stats: ColumnStats;
}

export interface ColumnWriter {
  add(v: Value | undefined): void;
  /** Bytes of encoded data held for the current stripe. */
  size(): number;
  /** The stripe's streams, encoding and statistics; then reset() before the next value. */
  finish(): StripeColumn;
  reset(): void;
}

export abstract class BaseWriter<T> implements ColumnWriter {
  private readonly presentOut = new ByteSink(256);
  private readonly present = new BooleanWriter(this.presentOut);
  private nulls = 0;
  stats: ColumnStats;

  constructor(
    protected readonly column: Column,
    kind: ColumnKind,
    private readonly convert: (v: Value) => T,
  ) {
    this.stats = new ColumnStats(kind);
  }

  add(v: Value | undefined): void {
    if (v === null || v === undefined) {
      this.present.add(false);
      this.nulls++;
      this.stats.addNull();
      return;
    }
    const value = convertValue(this.column, this.convert, v) as T;
    this.present.add(true);
    this.addValue(value);
  }

  protected abstract addValue(v: T): void;
  protected abstract dataSize(): number;
  protected abstract streams(): OrcStream[];
  protected abstract encoding(): StripeColumn['encoding'];
  protected abstract resetData(): void;

  size(): number {
    return this.presentOut.length + this.dataSize();
  }

  finish(): StripeColumn {
    const streams = this.streams();
    if (this.nulls) {
      this.present.flush();
      streams.unshift({ kind: StreamKind.PRESENT, data: this.presentOut.view() });
    }
    return { streams, encoding: this.encoding(), stats: this.stats };
  }

  reset(): void {
    // The PRESENT writer may hold unflushed bits of a stripe without nulls: flushing into the sink drops them.
    this.present.flush();
    this.presentOut.reset();
    this.nulls = 0;
    this.stats = new ColumnStats(this.stats.kind);
    this.resetData();
  }
}

