/**
 * Uniform draws that are pure functions of (seed, entity, step, salt): what decides an entity's touches, deletes and
 * changes, so any worker recomputes any event (and the version before it) without state.
 */
import { finish, mix, TWO_32 } from '../murmur3.js';

/** Unsigned 32-bit hash of (seed, a, b, salt); seed and a, b up to 2^53. */
export function hash32(seed: number, a: number, b: number, salt: number): number {
  let h = 0x2f1b3c4d ^ salt;
  h = mix(h, seed | 0);
  h = mix(h, Math.floor(seed / TWO_32) | 0);
  h = mix(h, a | 0);
  h = mix(h, Math.floor(a / TWO_32) | 0);
  h = mix(h, b | 0);
  h = mix(h, Math.floor(b / TWO_32) | 0);
  return finish(h);
}

/** Uniform in [0, 1). */
export function draw(seed: number, a: number, b: number, salt: number): number {
  return hash32(seed, a, b, salt) / TWO_32;
}

/** Salts of the independent draws. */
export const SALT = { multiplier: 1, offset: 2, delete: 3, entitySeed: 4, entitySeedHigh: 5, walk: 6, change: 100 } as const;
