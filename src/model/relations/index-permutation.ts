/**
 * A seeded permutation of the indexes [0, n) (pure, O(1) memory and time per index): a four-round Feistel network
 * over the smallest even number of bits that holds n, cycle-walked back into [0, n) (fewer than four rounds of it
 * on average). Used so that a skewed pick's most popular parents are spread over the parents, not the first ones.
 */
import { finish, mix } from '../murmur3.js';

/** Feistel halves are kept below 2^26 so that both fit a double exactly (n up to 2^52). */
export const MAX_PERMUTED = 2 ** 52;

export function indexPermutation(n: number, key: number): (i: number) => number {
  if (!(n >= 1 && n <= MAX_PERMUTED)) throw new RangeError(`a permutation of ${n} indexes`);
  let bits = 2;
  while (2 ** bits < n) bits += 2;
  const size = 2 ** (bits / 2);
  const mask = size - 1;
  const keys = [0, 1, 2, 3].map((r) => finish(mix(key | 0, r)));
  const round = (x: number): number => {
    let l = Math.floor(x / size);
    let r = x - l * size;
    for (const k of keys) {
      const t = (l ^ finish(mix(k, r))) & mask;
      l = r;
      r = t;
    }
    return l * size + r;
  };
  return (i) => {
    let x = round(i);
    while (x >= n) x = round(x);
    return x;
  };
}
