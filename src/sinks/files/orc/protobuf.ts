/**
 * The few Protocol Buffers wire forms ORC's metadata needs (varint, zigzag sint, double, length-delimited), hand
 * encoded: a message is built field by field in order, embedded messages as their finished bytes.
 */
import { ByteSink, zigzagBig } from './byte-sink.js';

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

export class ProtoMessage {
  private readonly out = new ByteSink(64);

  private tag(field: number, wire: number): void {
    this.out.varint(field * 8 + wire);
  }

  /** uint32/uint64/enum/bool field (non-negative). */
  uint(field: number, v: number | bigint): this {
    this.tag(field, VARINT);
    if (typeof v === 'bigint') this.out.varintBig(v);
    else this.out.varint(v);
    return this;
  }

  bool(field: number, v: boolean): this {
    return this.uint(field, v ? 1 : 0);
  }

  /** sint32/sint64 field (zigzag). */
  sint(field: number, v: number | bigint): this {
    this.tag(field, VARINT);
    this.out.varintBig(zigzagBig(BigInt(v)));
    return this;
  }

  double(field: number, v: number): this {
    this.tag(field, FIXED64);
    this.out.doubleLE(v);
    return this;
  }

  bytes(field: number, b: Uint8Array): this {
    this.tag(field, LENGTH_DELIMITED);
    this.out.varint(b.length);
    this.out.bytes(b);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, Buffer.from(s, 'utf8'));
  }

  message(field: number, m: ProtoMessage): this {
    return this.bytes(field, m.finish());
  }

  /** A packed repeated uint field. */
  packed(field: number, values: readonly (number | bigint)[]): this {
    const inner = new ByteSink(16);
    for (const v of values) {
      if (typeof v === 'bigint') inner.varintBig(v);
      else inner.varint(v);
    }
    return this.bytes(field, inner.view());
  }

  finish(): Uint8Array {
    return this.out.toBytes();
  }
}
