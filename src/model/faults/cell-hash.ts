/**
 * The fault stream: a uniform draw that is a pure function of (seed, row, field, salt), apart from the PRNG the
 * row's values come from. Adding a fault rate therefore never changes a clean value, and any worker deciding a
 * row's faults for any shard layout decides the same ones.
 */
const TWO_32 = 4294967296;

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The part of a row's draws its seed and index give: computed once per row. */
export function rowKey(seed: number, row: number): number {
  let h = 0x5bd1e995;
  h = mix(h, seed | 0);
  h = mix(h, Math.floor(seed / TWO_32) | 0);
  h = mix(h, row | 0);
  return mix(h, Math.floor(row / TWO_32) | 0);
}

/** Uniform in [0, 1) for one cell (field ≥ 0) or the row itself (a negative field) of the row `key` names. */
export function draw(key: number, field: number, salt: number): number {
  return finish(mix(mix(key, field | 0), salt)) / TWO_32;
}

export function cellDraw(seed: number, row: number, field: number, salt: number): number {
  return draw(rowKey(seed, row), field, salt);
}
