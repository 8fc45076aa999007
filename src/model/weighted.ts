/** Weighted choice in O(1) per draw: Vose's alias method over precomputed tables. */
import type { Prng } from './prng.js';

export interface WeightedIndex {
  readonly size: number;
  /** An index in [0, size) drawn with probability weight[i] / Σweight. */
  pick(rng: Prng): number;
}

export function weightedIndex(weights: readonly number[]): WeightedIndex {
  const n = weights.length;
  const total = weights.reduce((a, b) => a + b, 0);
  if (n === 0 || !(total > 0)) throw new Error('weights must contain a positive value');
  if (weights.every((w) => w === weights[0])) return { size: n, pick: (rng) => rng.int(n) };
  const prob = new Float64Array(n);
  const alias = new Uint32Array(n);
  const scaled = weights.map((w) => (w * n) / total);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return {
    size: n,
    pick(rng) {
      const x = rng.next() * n;
      const i = x | 0;
      return x - i < prob[i] ? i : alias[i];
    },
  };
}
