/** A small, fast, seedable PRNG (sfc32) and the seed derivation every worker shares. */
export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n) for 0 < n ≤ 2^32. */
  int(n: number): number;
  /** Uniform unsigned 32-bit integer. */
  u32(): number;
}

export function sfc32(a: number, b: number, c: number, d: number): Prng {
  const u32 = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  const next = () => u32() / 4294967296;
  return { next, u32, int: (n) => Math.floor(next() * n) };
}

/** The PRNG for batch `batch` of a command seeded with `seed`: depends on nothing else. */
export function batchPrng(seed: number, batch: number): Prng {
  const rng = sfc32(0x9e3779b9, seed | 0, Math.floor(seed / 4294967296) | 0, batch | 0);
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}

/**
 * The PRNG of row block `block` of a batch (src/model/row-blocks.ts): block 0 is the batch's own PRNG, the others are
 * seeded apart from it, so any block's rows can be generated anywhere without generating the rows before it.
 */
export function blockPrng(seed: number, batch: number, block: number): Prng {
  if (block === 0) return batchPrng(seed, batch);
  const rng = sfc32(0x7f4a7c15 ^ (block | 0), seed | 0, Math.floor(seed / 4294967296) | 0, batch | 0);
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}

/** A PRNG for compile-time tables (phone templates, ...): fixed, so every process builds the same tables. */
export function tablePrng(label: string): Prng {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  const rng = sfc32(0x2545f491, h, 0x6a09e667, 0xbb67ae85);
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}

/** Uniform float in [0, 1) with 53 random bits (for wide FLOAT ranges). */
export function float53(rng: Prng): number {
  return ((rng.u32() >>> 5) * 67108864 + (rng.u32() >>> 6)) / 9007199254740992;
}

/** Uniform 64-bit unsigned bigint. */
export function u64(rng: Prng): bigint {
  return (BigInt(rng.u32()) << 32n) | BigInt(rng.u32());
}

/** Uniform bigint in [0, span) for span ≥ 1, unbiased (rejection sampling over 64-bit draws). */
export function bigBelow(rng: Prng, span: bigint): bigint {
  if (span <= 4294967296n) return BigInt(intBelow(rng, Number(span)));
  const limit = 18446744073709551616n - (18446744073709551616n % span);
  for (;;) {
    const x = u64(rng);
    if (x < limit) return x % span;
  }
}

/** Uniform integer in [0, n) for 1 ≤ n ≤ 2^53, without the modulo bias of a single 32-bit draw. */
export function intBelow(rng: Prng, n: number): number {
  if (n <= 4294967296) return Math.floor(rng.next() * n);
  return Math.floor(float53(rng) * n);
}
