/**
 * A skewed pick (pure): a child draws a Zipf rank r (weight 1/r^s) and takes the parent the seeded permutation puts
 * at rank r, so the popular parents are spread over the parents rather than the first ones. The permutation is
 * seeded by (parent seed, parent model) alone: every child of that parent generation that picks by zipf finds the
 * same parents popular (the customers with many orders are those with many reviews). O(1) memory and per-row cost.
 */
import { finish, mix, TWO_32 } from '../murmur3.js';
import type { Prng } from '../prng.js';
import { labelHash } from './child-mapping.js';
import { indexPermutation } from './index-permutation.js';
import { zipfRanks } from './zipf.js';

export interface ZipfOrder {
  /** The parent index at rank r (1-based). */
  parentAt(rank: number): number;
  /** A parent index drawn from the PRNG. */
  pick(rng: Prng): number;
}

export function zipfOrder(parents: number, s: number, seed: number, label: string): ZipfOrder {
  const key = finish(mix(mix(mix(0x5a1f, seed | 0), Math.floor(seed / TWO_32) | 0), labelHash(label)));
  const parentAt = indexPermutation(parents, key);
  const ranks = zipfRanks(parents, s);
  return { parentAt: (rank) => parentAt(rank - 1), pick: (rng) => parentAt(ranks.draw(rng) - 1) };
}

