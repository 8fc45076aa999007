/** A small, fast, seedable PRNG (sfc32) and the seed derivation every worker shares. */
export interface Prng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

export function sfc32(a: number, b: number, c: number, d: number): Prng {
  const next = () => {
    a |= 0; b |= 0; c |= 0; d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** The PRNG for batch `batch` of a command seeded with `seed`: depends on nothing else. */
export function batchPrng(seed: number, batch: number): Prng {
  const rng = sfc32(0x9e3779b9, seed | 0, Math.floor(seed / 4294967296) | 0, batch | 0);
  for (let i = 0; i < 12; i++) rng.next();
  return rng;
}
