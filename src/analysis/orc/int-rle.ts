/**
 * ORC integer run-length encodings read back: version 1 (runs with a byte delta, literal groups of varints) and
 * version 2 (ORCv1 "Integer Run Length Encoding, version 2": SHORT_REPEAT, DIRECT, PATCHED_BASE, DELTA), signed
 * (zigzag) or not. Values are bigints: a LONG column holds the whole 64-bit range. Decoding stops at `count`.
 */
const zigzag = (n: bigint): bigint => (n >> 1n) ^ -(n & 1n);

/** FixedBitSizes: the 5-bit width codes of DIRECT, PATCHED_BASE and DELTA. */
const WIDTHS = [...Array.from({ length: 24 }, (_, i) => i + 1), 26, 28, 30, 32, 40, 48, 56, 64];

/** The smallest width of WIDTHS at least `bits` (PATCHED_BASE's patch entries). */
function closestFixedBits(bits: number): number {
  return WIDTHS.find((w) => w >= bits) ?? 64;
}

class Input {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  byte(): number {
    const b = this.buf[this.pos++];
    if (b === undefined) throw new Error('an integer run-length stream ends early');
    return b;
  }

  varint(): bigint {
    let value = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = this.byte();
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return value;
    }
  }

  /** A big-endian unsigned integer of `bytes` bytes. */
  bigEndian(bytes: number): bigint {
    let v = 0n;
    for (let i = 0; i < bytes; i++) v = (v << 8n) | BigInt(this.byte());
    return v;
  }

  /** `count` unsigned values of `width` bits, most significant bit first, from a byte boundary. */
  packed(count: number, width: number): bigint[] {
    const out = new Array<bigint>(count);
    let bitPos = this.pos * 8;
    for (let i = 0; i < count; i++) {
      let v = 0;
      let big = 0n;
      let remaining = width;
      while (remaining > 0) {
        const byte = this.buf[bitPos >>> 3];
        if (byte === undefined) throw new Error('bit-packed integers run past the end of their stream');
        const avail = 8 - (bitPos & 7);
        const take = Math.min(avail, remaining);
        const bits = (byte >>> (avail - take)) & ((1 << take) - 1);
        // Numbers while exact (below 2^48), bigints beyond.
        if (width <= 48) v = v * (1 << take) + bits;
        else big = (big << BigInt(take)) | BigInt(bits);
        remaining -= take;
        bitPos += take;
      }
      out[i] = width <= 48 ? BigInt(v) : big;
    }
    this.pos = Math.ceil(bitPos / 8);
    return out;
  }
}

function runV1(input: Input, signed: boolean, out: bigint[]): void {
  const header = input.byte();
  const read = () => (signed ? zigzag(input.varint()) : input.varint());
  if (header < 128) {
    const delta = BigInt((input.byte() << 24) >> 24);
    const base = read();
    for (let i = 0n; i < BigInt(header + 3); i++) out.push(base + i * delta);
  } else {
    for (let i = 0; i < 256 - header; i++) out.push(read());
  }
}

function patchedBase(input: Input, header: number, out: bigint[]): void {
  const width = WIDTHS[(header >>> 1) & 0x1f]!;
  const length = (((header & 1) << 8) | input.byte()) + 1;
  const third = input.byte();
  const baseBytes = ((third >>> 5) & 7) + 1;
  const patchWidth = WIDTHS[third & 0x1f]!;
  const fourth = input.byte();
  const gapWidth = ((fourth >>> 5) & 7) + 1;
  const patches = fourth & 0x1f;
  // The base is sign and magnitude: its most significant bit is the sign.
  let base = input.bigEndian(baseBytes);
  const signBit = 1n << BigInt(baseBytes * 8 - 1);
  if (base & signBit) base = -(base & ~signBit);
  const data = input.packed(length, width);
  const list = input.packed(patches, closestFixedBits(patchWidth + gapWidth));
  const mask = (1n << BigInt(patchWidth)) - 1n;
  let index = 0;
  let at = 0;
  /** The next patch's position (gaps of 255 with a zero patch only carry the gap on) and value. */
  const nextPatch = (): bigint => {
    let gap = 0;
    while (index < list.length) {
      const entry = list[index++]!;
      const g = Number(entry >> BigInt(patchWidth));
      const patch = entry & mask;
      gap += g;
      if (g !== 255 || patch !== 0n) {
        at += gap;
        return patch;
      }
    }
    at = Number.MAX_SAFE_INTEGER;
    return 0n;
  };
  let patch = nextPatch();
  for (let i = 0; i < length; i++) {
    let v = data[i]!;
    if (i === at) {
      v |= patch << BigInt(width);
      patch = nextPatch();
    }
    out.push(base + v);
  }
}

function runV2(input: Input, signed: boolean, out: bigint[]): void {
  const header = input.byte();
  const sign = (v: bigint) => (signed ? zigzag(v) : v);
  switch (header >>> 6) {
    case 0: {
      const value = sign(input.bigEndian(((header >>> 3) & 7) + 1));
      for (let i = 0; i < (header & 7) + 3; i++) out.push(value);
      return;
    }
    case 1: {
      const width = WIDTHS[(header >>> 1) & 0x1f]!;
      const length = (((header & 1) << 8) | input.byte()) + 1;
      for (const v of input.packed(length, width)) out.push(sign(v));
      return;
    }
    case 2:
      patchedBase(input, header, out);
      return;
    default: {
      const code = (header >>> 1) & 0x1f;
      const width = code === 0 ? 0 : WIDTHS[code]!;
      const length = (((header & 1) << 8) | input.byte()) + 1;
      let value = sign(input.varint());
      const delta = zigzag(input.varint());
      out.push(value);
      if (length === 1) return;
      value += delta;
      out.push(value);
      if (width === 0) {
        for (let i = 2; i < length; i++) out.push((value += delta));
        return;
      }
      // Varying deltas are magnitudes in the first delta's direction.
      for (const d of input.packed(length - 2, width)) out.push((value += delta < 0n ? -d : d));
    }
  }
}

export function decodeInts(buf: Uint8Array, count: number, signed: boolean, version: 1 | 2): bigint[] {
  const input = new Input(buf);
  const out: bigint[] = [];
  const run = version === 1 ? runV1 : runV2;
  while (out.length < count) {
    if (input.pos >= buf.length) throw new Error(`an integer run-length stream ends after ${out.length} of ${count} values`);
    run(input, signed, out);
  }
  out.length = count;
  return out;
}

/** Unbounded base-128 varints (DECIMAL values), zigzag signed. */
export function decodeSignedVarints(buf: Uint8Array, count: number): bigint[] {
  const input = new Input(buf);
  return Array.from({ length: count }, () => zigzag(input.varint()));
}
