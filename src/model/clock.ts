/**
 * The instant a row's TIMESTAMP (and DATE/DATE_AS_STRING with use_now) reads. A seeded command runs a deterministic
 * clock: the command's reference time plus TIMESTAMP_STEP_MS per row of the command, from the row's global index
 * (batch × rows + row), so a row has the same instant on any worker, in any shard layout, and on a rerun. A command
 * without a seed reads the wall clock at generation, as the original did (System.currentTimeMillis() per row).
 */
import { ModelError } from '../errors.js';

/** The step of the deterministic clock when the model sets none: one millisecond per row. */
export const DEFAULT_TIMESTAMP_STEP_MS = 1;
/** Above this a command's instants leave the range of dates (1e8 days); a day per row is already far past any use. */
const MAX_STEP_MS = 86_400_000;

/** TIMESTAMP_STEP_MS of the model's Options (a whole number of milliseconds, 0 for one instant per command). */
export function timestampStep(options: Record<string, string>): number {
  const text = options.TIMESTAMP_STEP_MS;
  if (text === undefined) return DEFAULT_TIMESTAMP_STEP_MS;
  const step = /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
  if (!(step <= MAX_STEP_MS)) throw new ModelError(`must be a whole number of milliseconds from 0 to ${MAX_STEP_MS}, got "${text}"`, 'Options.TIMESTAMP_STEP_MS');
  return step;
}

/** The clock of one command's rows: the instant of the row at global index `row`. */
export type RowClock = (row: number) => number;

export function rowClock(referenceTime: number, step: number, wallClock: boolean): RowClock {
  if (wallClock) return () => Date.now();
  return (row) => referenceTime + row * step;
}
