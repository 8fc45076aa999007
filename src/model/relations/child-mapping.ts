/**
 * Children spread over parents (pure): parent p gets count(p) children, a seeded draw from (seed, relation, p)
 * alone, and child j belongs to the parent whose run of children holds j. The lookup keeps prefix sums of the counts
 * per block of BLOCK parents, extended only as far as the children asked for, and the counts of the last block
 * looked into: O(parents / BLOCK) numbers at most, O(log n) per lookup, the same answer on any worker for any shard
 * layout, without generating a parent row.
 */
import type { Prng } from '../prng.js';
import { weightedIndex } from '../weighted.js';

export const BLOCK = 1024;

export interface ChildMapping {
  /** The parent of child `j` (0-based, across the whole child command); children past the last parent's start again at the first (j mod total); -1 when no parent has a child. */
  parentOf(j: number): number;
  /** How many children the parents have in all (computes every count once). */
  total(): number;
  /** Children of parent `p` (for tests and docs). */
  countOf(p: number): number;
}

/** A 32-bit mix of two words (murmur3's finaliser over a combination): well spread, cheap. */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function labelHash(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A one-draw PRNG over the hash value last set: what weightedIndex.pick needs (it draws once), reused. */
function oneDraw(): Prng & { u: number } {
  const d = { u: 0, next: () => d.u / 4294967296, u32: () => d.u, int: (n: number) => Math.floor((d.u / 4294967296) * n) };
  return d;
}

export function childMapping(counts: ReadonlyArray<{ count: number; weight: number }>, seed: number, label: string, parents: number): ChildMapping {
  const values = counts.map((c) => c.count);
  const index = weightedIndex(counts.map((c) => c.weight));
  const key = mix(mix(seed | 0, Math.floor(seed / 4294967296) | 0), labelHash(label));
  const draw = oneDraw();
  const countOf = (p: number): number => {
    draw.u = mix(mix(key, p | 0), Math.floor(p / 4294967296));
    return values[index.pick(draw)];
  };
  const blocks = Math.ceil(parents / BLOCK);
  /** ends[b]: children of blocks 0..b. */
  const ends: number[] = [];
  const extend = (): void => {
    const b = ends.length;
    let sum = b === 0 ? 0 : ends[b - 1];
    for (let p = b * BLOCK, end = Math.min(parents, p + BLOCK); p < end; p++) sum += countOf(p);
    ends.push(sum);
  };
  const total = (): number => {
    while (ends.length < blocks) extend();
    return blocks === 0 ? 0 : ends[blocks - 1];
  };
  let cachedBlock = -1;
  /** within[k]: children of the parents up to first + k of the cached block; last: the parent found last in it. */
  const within = new Float64Array(BLOCK);
  let last = 0;
  const blockOf = (j: number): number => {
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] > j) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  return {
    countOf,
    total,
    parentOf(j) {
      if (cachedBlock >= 0 && j < within[last] && j >= (last === 0 ? (cachedBlock === 0 ? 0 : ends[cachedBlock - 1]) : within[last - 1])) return cachedBlock * BLOCK + last;
      while ((ends.length === 0 || ends[ends.length - 1] <= j) && ends.length < blocks) extend();
      const all = ends.length === blocks ? ends[blocks - 1] : Infinity;
      if (all === 0) return -1;
      if (j >= all) j %= all;
      const b = blockOf(j);
      const first = b * BLOCK;
      const size = Math.min(parents, first + BLOCK) - first;
      if (b !== cachedBlock) {
        let sum = b === 0 ? 0 : ends[b - 1];
        for (let k = 0; k < size; k++) within[k] = sum += countOf(first + k);
        cachedBlock = b;
        last = 0;
      }
      // Children are mostly asked for in order: the parent found last, or one of the next few, holds j.
      const base = b === 0 ? 0 : ends[b - 1];
      for (let k = last; k < size && k < last + 4; k++) {
        if ((k === 0 ? base : within[k - 1]) > j) break;
        if (within[k] > j) {
          last = k;
          return first + k;
        }
      }
      let lo = 0;
      let hi = size - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (within[mid] > j) hi = mid;
        else lo = mid + 1;
      }
      last = lo;
      return first + lo;
    },
  };
}
