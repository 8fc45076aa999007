/**
 * The pace of a rate-controlled command (pure): row index → the instant it may be sent, as an offset in ms from the
 * start of the command's batches. The rate ramps linearly from rowsPerSecond to endRowsPerSecond over rampSeconds,
 * then stays at the end rate; a token bucket of `burst` rows starts full. Every generator actor computes the same
 * instants from the recorded spec, so together they follow one budget, whichever of them writes which batch.
 */
import type { RateSpec } from '../events/types.js';

/** The most rows per second a command may ask for (a limit of the request, not a promise). */
export const MAX_ROWS_PER_SECOND = 10_000_000;

interface Curve {
  /** rows/s at 0 and at the end of the ramp. */
  r0: number;
  r1: number;
  /** Ramp length in ms (0: no ramp). */
  rampMs: number;
  burst: number;
}

function curveOf(spec: RateSpec): Curve {
  const ramp = spec.endRowsPerSecond !== undefined && (spec.rampSeconds ?? 0) > 0;
  return {
    r0: spec.rowsPerSecond,
    r1: ramp ? spec.endRowsPerSecond! : spec.rowsPerSecond,
    rampMs: ramp ? spec.rampSeconds! * 1000 : 0,
    burst: Math.max(1, spec.burst ?? 1),
  };
}

/** The rate (rows/s) the schedule asks for at `ms` after the start. */
export function rateAt(spec: RateSpec, ms: number): number {
  const c = curveOf(spec);
  if (ms >= c.rampMs) return c.r1;
  return c.r0 + ((c.r1 - c.r0) * Math.max(0, ms)) / c.rampMs;
}

/** Rows the rate has allowed by `ms` (the burst aside): the integral of the rate. */
export function allowedBy(spec: RateSpec, ms: number): number {
  const c = curveOf(spec);
  const t = Math.max(0, ms);
  if (t <= c.rampMs) return (t * (c.r0 + rateAt(spec, t))) / 2000;
  return (c.rampMs * (c.r0 + c.r1)) / 2000 + ((t - c.rampMs) * c.r1) / 1000;
}

/** The time (ms) at which the rate has allowed `n` rows: the inverse of allowedBy. */
function timeOfAllowed(c: Curve, n: number): number {
  if (n <= 0) return 0;
  const rampRows = (c.rampMs * (c.r0 + c.r1)) / 2000;
  if (n > rampRows) return c.rampMs + ((n - rampRows) * 1000) / c.r1;
  // r0 t + k t² / 2 = 1000 n (t in ms, k the slope in rows/s per ms); this form of the root is exact for k = 0
  // and stable for k < 0 (a ramp down).
  const k = (c.r1 - c.r0) / c.rampMs;
  return (2000 * n) / (c.r0 + Math.sqrt(c.r0 * c.r0 + 2000 * k * n));
}

/** The instant (ms after the start) row `row` (0-based, of the whole command) may be sent. */
export function offsetOfRow(spec: RateSpec, row: number): number {
  const c = curveOf(spec);
  return timeOfAllowed(c, row + 1 - c.burst);
}

/** Rows whose instant falls before `ms`: what a command of that duration sends. */
export function rowsWithin(spec: RateSpec, ms: number): number {
  const c = curveOf(spec);
  return Math.max(0, Math.ceil(allowedBy(spec, ms) + c.burst - 1 - 1e-6));
}

/** The highest rate the schedule reaches (the start or the end of its ramp). */
export function peakRate(spec: RateSpec): number {
  const c = curveOf(spec);
  return Math.max(c.r0, c.r1);
}
