/**
 * The fault stream: a uniform draw that is a pure function of (seed, row, field, salt), apart from the PRNG the
 * row's values come from. Adding a fault rate therefore never changes a clean value, and any worker deciding a
 * row's faults for any shard layout decides the same ones.
 */
import { finish, mix, TWO_32 } from '../murmur3.js';

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
