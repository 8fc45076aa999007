/**
 * STRING columns, DICTIONARY_V2 when it pays, else DIRECT_V2 (ORCv1 "String, Char, and VarChar Columns"). Each
 * stripe starts with a dictionary; after its first 10,000 values (or at its end, if sooner) a stripe whose
 * distinct values exceed 80% of its values switches to direct and replays them, as the Java writer decides (and
 * already after 1,024 values when more than 95% are distinct: ids, e-mails, free text). A
 * dictionary is written sorted by UTF-8 bytes: DICTIONARY_DATA the bytes, LENGTH their lengths, DATA each value's
 * index (unsigned RLE v2).
 */
import type { Column } from '../../../model/types.js';
import { asString } from '../column-kinds.js';
import { BaseWriter, type OrcStream, type StripeColumn } from './base-writer.js';
import { ByteSink } from './byte-sink.js';
import { IntRleV2Writer } from './int-rle-v2.js';
import { EncodingKind, StreamKind } from './orc-types.js';
import { compareUtf8 } from './statistics.js';

const DECIDE_AFTER = 10_000;
const MAX_DISTINCT_RATIO = 0.8;
const EARLY_CHECK = 1024;
const EARLY_DISTINCT_RATIO = 0.95;

export class StringWriter extends BaseWriter<string> {
  private readonly out = new ByteSink();
  private readonly lengthOut = new ByteSink(256);
  private readonly lengths = new IntRleV2Writer(this.lengthOut, false);
  private mode: 'undecided' | 'dictionary' | 'direct' = 'undecided';
  private ids = new Map<string, number>();
  private keys: string[] = [];
  private keyBytes: number[] = [];
  private dictionaryBytes = 0;
  private values: number[] = [];

  constructor(column: Column) {
    super(column, 'string', asString);
  }

  protected addValue(v: string): void {
    if (this.mode === 'direct') {
      this.direct(v);
      return;
    }
    let id = this.ids.get(v);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(v, id);
      this.keys.push(v);
      const n = Buffer.byteLength(v, 'utf8');
      this.keyBytes.push(n);
      this.dictionaryBytes += n;
    }
    this.values.push(id);
    this.stats.count++;
    (this.stats.sum as number) += this.keyBytes[id]!;
    if (this.mode !== 'undecided') return;
    const n = this.values.length;
    if (n === DECIDE_AFTER) this.decide();
    else if (n === EARLY_CHECK && this.keys.length > EARLY_DISTINCT_RATIO * n) this.toDirect();
  }

  private direct(v: string): void {
    const n = this.out.utf8(v);
    this.stats.addString(v, n);
    this.lengths.add(n);
  }

  private decide(): void {
    if (this.keys.length <= MAX_DISTINCT_RATIO * this.values.length) this.mode = 'dictionary';
    else this.toDirect();
  }

  private toDirect(): void {
    // Replay the stripe's values held so far as direct ones, which counts them into the statistics afresh.
    this.mode = 'direct';
    const { keys, values } = this;
    this.stats.count = 0;
    this.stats.sum = 0;
    this.clearDictionary();
    for (const id of values) this.direct(keys[id]!);
  }

  private clearDictionary(): void {
    this.ids = new Map();
    this.keys = [];
    this.keyBytes = [];
    this.dictionaryBytes = 0;
    this.values = [];
  }

  protected dataSize(): number {
    if (this.mode === 'direct') return this.out.length + this.lengthOut.length;
    return this.dictionaryBytes + this.values.length;
  }

  protected streams(): OrcStream[] {
    if (this.mode === 'undecided') this.decide();
    if (this.mode === 'direct') {
      this.lengths.flush();
      return [
        { kind: StreamKind.DATA, data: this.out.view() },
        { kind: StreamKind.LENGTH, data: this.lengthOut.view() },
      ];
    }
    const order = this.keys.map((_, i) => i).sort((a, b) => compareUtf8(this.keys[a]!, this.keys[b]!));
    const rank = new Array<number>(order.length);
    for (const [r, id] of order.entries()) {
      rank[id] = r;
      this.out.utf8(this.keys[id]!);
      this.lengths.add(this.keyBytes[id]!);
    }
    this.lengths.flush();
    if (order.length) {
      this.stats.min = this.keys[order[0]!];
      this.stats.max = this.keys[order[order.length - 1]!];
    }
    const dataOut = new ByteSink(this.values.length + 16);
    const data = new IntRleV2Writer(dataOut, false);
    for (const id of this.values) data.add(rank[id]!);
    data.flush();
    return [
      { kind: StreamKind.DATA, data: dataOut.view() },
      { kind: StreamKind.DICTIONARY_DATA, data: this.out.view() },
      { kind: StreamKind.LENGTH, data: this.lengthOut.view() },
    ];
  }

  protected encoding(): StripeColumn['encoding'] {
    return this.mode === 'direct' ? { kind: EncodingKind.DIRECT_V2 } : { kind: EncodingKind.DICTIONARY_V2, dictionarySize: this.keys.length };
  }

  protected resetData(): void {
    this.lengths.flush();
    this.out.reset();
    this.lengthOut.reset();
    this.clearDictionary();
    this.mode = 'undecided';
  }
}
