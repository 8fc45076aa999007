/**
 * The rate-control parameters of POST /datagen/<service> (docs/rate-control.md): rows_per_second, a ramp
 * (ramp_to_rows_per_second over ramp_seconds), burst, and how long it runs: `batches`, a `duration` in seconds, or
 * neither (batches absent or 0: until cancelled). Rows per batch default to one second of the peak rate.
 */
import { BadRequestError } from '../errors.js';
import type { RateSpec } from '../events/types.js';
import { MAX_ROWS_PER_SECOND, peakRate, rowsWithin } from '../command/rate-schedule.js';
import { positiveInt, type Params } from './params.js';

/** A day and more would be a schedule's business; ramps and durations are kept within a year. */
const MAX_SECONDS = 366 * 86_400;
/** Batches of a command with no end are at least this share of a second of its peak rate: a few events a second. */
const MIN_BATCH_SECONDS = 0.25;

export const RATE_PARAMS = ['rows_per_second', 'ramp_to_rows_per_second', 'ramp_seconds', 'burst', 'duration'] as const;

export interface RatedShape {
  rate: RateSpec;
  rows: number;
  /** 0 for a command with no end. */
  batches: number;
  unbounded?: true;
}

function positiveNumber(params: Params, name: string, max: number): number | undefined {
  const raw = params[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n <= 0) throw new BadRequestError(`parameter ${name} must be a positive number, got "${raw}"`, { parameter: name, value: raw });
  if (n > max) throw new BadRequestError(`parameter ${name} must be at most ${max}, got ${n}`, { parameter: name, value: raw });
  return n;
}

function given(params: Params, name: string): boolean {
  return params[name] !== undefined && params[name]!.trim() !== '';
}

function required(name: string, by: string): never {
  throw new BadRequestError(`parameter ${name} is required with ${by}`, { parameter: name });
}

/** The pace asked for, or undefined when the request asks for none (then no rate parameter may be given). */
export function rateSpecOf(params: Params): RateSpec | undefined {
  const rowsPerSecond = positiveNumber(params, 'rows_per_second', MAX_ROWS_PER_SECOND);
  const end = positiveNumber(params, 'ramp_to_rows_per_second', MAX_ROWS_PER_SECOND);
  const rampSeconds = positiveNumber(params, 'ramp_seconds', MAX_SECONDS);
  const burst = given(params, 'burst') ? positiveInt(params, 'burst', 1, MAX_ROWS_PER_SECOND) : undefined;
  const durationSeconds = positiveNumber(params, 'duration', MAX_SECONDS);
  if (rowsPerSecond === undefined) {
    const other = RATE_PARAMS.find((p) => p !== 'rows_per_second' && given(params, p));
    if (other) required('rows_per_second', other);
    return undefined;
  }
  if (end !== undefined && rampSeconds === undefined) required('ramp_seconds', 'ramp_to_rows_per_second');
  if (rampSeconds !== undefined && end === undefined) required('ramp_to_rows_per_second', 'ramp_seconds');
  return {
    rowsPerSecond,
    ...(end !== undefined ? { endRowsPerSecond: end, rampSeconds } : {}),
    ...(burst !== undefined ? { burst } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
  };
}

/**
 * Rows per batch and batches of a rate-controlled request: as given; from the duration (the rows whose instants
 * fall within it, in whole batches, so the last batch may end past it); or none (0, unbounded).
 */
export function ratedShape(params: Params, rate: RateSpec): RatedShape {
  const oneSecond = Math.max(1, Math.ceil(peakRate(rate)));
  const rowsGiven = given(params, 'rows');
  const batchesRaw = params.batches?.trim();
  const unboundedAsked = batchesRaw === undefined || batchesRaw === '' || (/^0+$/.test(batchesRaw) && rate.durationSeconds === undefined);
  if (rate.durationSeconds !== undefined) {
    if (batchesRaw !== undefined && batchesRaw !== '') {
      throw new BadRequestError('parameters batches and duration cannot both be given: a rate-controlled command ends after its batches or after its duration', { parameter: 'duration' });
    }
    // Row 0 goes at once, so any duration holds a row.
    const total = rowsWithin(rate, rate.durationSeconds * 1000);
    const rows = rowsGiven ? positiveInt(params, 'rows', oneSecond) : Math.min(total, oneSecond);
    return { rate, rows, batches: Math.ceil(total / rows) };
  }
  const rows = positiveInt(params, 'rows', oneSecond);
  if (!unboundedAsked) return { rate, rows, batches: positiveInt(params, 'batches', 1) };
  if (rows < oneSecond * MIN_BATCH_SECONDS) {
    throw new BadRequestError(`parameter rows must be at least ${Math.ceil(oneSecond * MIN_BATCH_SECONDS)} (a quarter second of the peak rate) for a command with no end, got ${rows}: each batch is an event`, { parameter: 'rows', value: params.rows! });
  }
  return { rate, rows, batches: 0, unbounded: true };
}
