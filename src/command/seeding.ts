/**
 * A command's seed as recorded in `queued`: the request's own, or one drawn for it. Only a command run without a
 * seed reads the wall clock for TIMESTAMP (as the original did); a seeded one runs the deterministic row clock
 * (src/model/clock.ts), so its reruns are byte-identical.
 */
import type { QueuedData } from '../events/types.js';

export function seeding(given: number | undefined, draw: () => number): Pick<QueuedData, 'seed' | 'wallClock'> {
  return given !== undefined ? { seed: given } : { seed: draw(), wallClock: true };
}
