/**
 * ORC integer run-length encoding version 2 (ORCv1 "Integer Run Length Encoding, version 2"), signed (zigzag) or
 * unsigned. Values are held in a window of 512 (the longest run RLE v2 can express) and encoded when it fills:
 * runs of 3 or more values with a constant step become SHORT_REPEAT (3 to 10 equal values) or DELTA with a
 * fixed delta (bit width 0), everything between them DIRECT at the smallest of the widths 1, 2, 4, 8, 16, ... 64
 * bits that fits. PATCHED_BASE and variable-width DELTA, which only make some files smaller, are not written.
 * Values are JS numbers while every value of a window is within ±2^51 (so zigzags and deltas stay exact); a
 * window holding a larger value is written DIRECT from bigints.
 */
import { type ByteSink, zigzag, zigzagBig } from './byte-sink.js';

const WINDOW = 512;
const MIN_RUN = 3;
const MAX_SHORT_REPEAT = 10;
const SAFE = 2 ** 51;

const SHORT_REPEAT = 0;
const DIRECT = 1;
const DELTA = 3;

/** The 5-bit width codes of the aligned widths used for DIRECT. */
const WIDTH_CODE: Record<number, number> = { 1: 0, 2: 1, 4: 3, 8: 7, 16: 15, 24: 23, 32: 27, 40: 28, 48: 29, 56: 30, 64: 31 };

/** The smallest aligned width (1, 2, 4, 8, 16, 24, ..., 64 bits) holding the unsigned `max`. */
export function alignedWidth(max: number | bigint): number {
  let bits = 0;
  if (typeof max === 'bigint') {
    while (max > 0n) {
      bits++;
      max >>= 1n;
    }
  } else {
    while (max >= 1) {
      bits++;
      max = Math.floor(max / 2);
    }
  }
  if (bits <= 1) return 1;
  if (bits <= 2) return 2;
  if (bits <= 4) return 4;
  return Math.ceil(bits / 8) * 8;
}

export class IntRleV2Writer {
  private readonly window: (number | bigint)[] = new Array(WINDOW);
  private n = 0;
  private big = false;
  /** Unsigned values of the current DIRECT group, reused. */
  private readonly scratch = new Float64Array(WINDOW);

  constructor(
    private readonly out: ByteSink,
    private readonly signed: boolean,
  ) {}

  add(v: number | bigint): void {
    if (typeof v === 'bigint') {
      if (v >= -SAFE && v <= SAFE) v = Number(v);
      else this.big = true;
    } else if (v < -SAFE || v > SAFE) {
      v = BigInt(v);
      this.big = true;
    }
    this.window[this.n++] = v;
    if (this.n === WINDOW) this.flush();
  }

  /** Writes everything held. */
  flush(): void {
    if (!this.n) return;
    if (this.big) this.directBig(this.n);
    else this.encodeWindow(this.window as number[], this.n);
    this.n = 0;
    this.big = false;
  }

  private encodeWindow(v: number[], n: number): void {
    let literalStart = 0;
    let i = 0;
    while (i + 2 < n) {
      const d = v[i + 1]! - v[i]!;
      if (v[i + 2]! - v[i + 1]! !== d) {
        i++;
        continue;
      }
      let j = i + 2;
      while (j + 1 < n && v[j + 1]! - v[j]! === d) j++;
      this.direct(v, literalStart, i);
      const length = j - i + 1;
      if (d === 0 && length <= MAX_SHORT_REPEAT) this.shortRepeat(v[i]!, length);
      else this.fixedDelta(v[i]!, d, length);
      i = j + 1;
      literalStart = i;
    }
    this.direct(v, literalStart, n);
  }

  private unsigned(v: number): number {
    return this.signed ? zigzag(v) : v;
  }

  private shortRepeat(value: number, count: number): void {
    const u = this.unsigned(value);
    let width = 1;
    while (width < 8 && u >= 2 ** (8 * width)) width++;
    this.out.byte((SHORT_REPEAT << 6) | ((width - 1) << 3) | (count - MIN_RUN));
    for (let b = width - 1; b >= 0; b--) this.out.byte(Math.floor(u / 2 ** (8 * b)) % 256);
  }

  private fixedDelta(base: number, delta: number, length: number): void {
    this.out.byte((DELTA << 6) | ((length - 1) >> 8));
    this.out.byte((length - 1) & 0xff);
    this.out.varint(this.unsigned(base));
    this.out.varint(zigzag(delta));
  }

  private header(type: number, width: number, length: number): void {
    this.out.byte((type << 6) | (WIDTH_CODE[width]! << 1) | ((length - 1) >> 8));
    this.out.byte((length - 1) & 0xff);
  }

  /** DIRECT of v[from, to), bit-packed most significant bit first. */
  private direct(v: number[], from: number, to: number): void {
    const length = to - from;
    if (length <= 0) return;
    const u = this.scratch;
    let max = 0;
    for (let k = 0; k < length; k++) {
      const x = this.unsigned(v[from + k]!);
      u[k] = x;
      if (x > max) max = x;
    }
    const width = alignedWidth(max);
    this.header(DIRECT, width, length);
    const out = this.out;
    if (width < 8) {
      let current = 0;
      let bits = 0;
      for (let k = 0; k < length; k++) {
        current = (current << width) | u[k]!;
        bits += width;
        if (bits === 8) {
          out.byte(current);
          current = 0;
          bits = 0;
        }
      }
      if (bits) out.byte(current << (8 - bits));
      return;
    }
    const bytes = width / 8;
    out.reserve(bytes * length);
    for (let k = 0; k < length; k++) {
      const x = u[k]!;
      if (bytes > 4) {
        const hi = Math.floor(x / 4294967296);
        for (let b = bytes - 5; b >= 0; b--) out.byte((hi >>> (8 * b)) & 0xff);
        const lo = x >>> 0;
        out.byte(lo >>> 24);
        out.byte((lo >>> 16) & 0xff);
        out.byte((lo >>> 8) & 0xff);
        out.byte(lo & 0xff);
      } else {
        for (let b = bytes - 1; b >= 0; b--) out.byte((x >>> (8 * b)) & 0xff);
      }
    }
  }

  /** The window as DIRECT groups from bigints (it holds a value beyond ±2^51). */
  private directBig(n: number): void {
    const u: bigint[] = [];
    let max = 0n;
    for (let k = 0; k < n; k++) {
      const v = BigInt(this.window[k]!);
      const x = this.signed ? zigzagBig(v) : v;
      u.push(x);
      if (x > max) max = x;
    }
    const width = Math.max(8, alignedWidth(max));
    this.header(DIRECT, width, n);
    for (const x of u) for (let b = width / 8 - 1; b >= 0; b--) this.out.byte(Number((x >> BigInt(8 * b)) & 0xffn));
  }
}
