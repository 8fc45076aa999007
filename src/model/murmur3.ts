/**
 * MurmurHash3's 32-bit steps, for draws that are pure functions of their inputs (the dirty-data fault stream, the
 * lifecycle's entity draws): `mix` folds one 32-bit word into the state, `finish` avalanches it.
 */
export const TWO_32 = 4294967296;

export function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

export function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
