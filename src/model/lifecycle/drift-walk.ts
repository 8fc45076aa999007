/**
 * A random walk over steps that is a pure function of (seed, entity, field, step): W(0) = 0 and W(t) − W(s) has
 * variance t − s. Built as a Brownian bridge on dyadic points (each point's value drawn given the two around it),
 * so W(t) costs 32 draws whatever t, and a version's drifted number needs neither its history nor stored state.
 */
import { hash32, SALT } from './entity-hash.js';

const SPAN = 2 ** 32;
const SQRT_SPAN = 2 ** 16;

/** About N(0, 1) from one hash: the sum of its four bytes (Irwin-Hall), centred and scaled. */
function normal(h: number): number {
  const sum = (h & 0xff) + ((h >>> 8) & 0xff) + ((h >>> 16) & 0xff) + (h >>> 24);
  return (sum - 510) / 147.8;
}

/** W(t) of the walk keyed (seed, entity, field). */
export function walkAt(seed: number, entity: number, field: number, t: number): number {
  const salt = SALT.walk ^ (field << 8);
  const endSalt = salt ^ 0x55; // the ends of spans, apart from the points inside them
  const segment = Math.floor(t / SPAN);
  let base = 0;
  // Beyond 2^32 steps: the walk goes on from the end of each earlier span.
  for (let k = 0; k < segment; k++) base += SQRT_SPAN * normal(hash32(seed, entity, k, endSalt));
  const x = t - segment * SPAN;
  if (x === 0) return base;
  let lo = 0, hi = SPAN, wLo = 0;
  let wHi = SQRT_SPAN * normal(hash32(seed, entity, segment, endSalt));
  for (;;) {
    const mid = (lo + hi) / 2;
    const wMid = (wLo + wHi) / 2 + Math.sqrt((hi - lo) / 4) * normal(hash32(seed, entity, mid + segment * SPAN, salt));
    if (x === mid) return base + wMid;
    if (x < mid) [hi, wHi] = [mid, wMid];
    else [lo, wLo] = [mid, wMid];
  }
}
