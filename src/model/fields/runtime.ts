/** What a field generator sees while one row is built. */
import type { RowClock } from '../clock.js';
import type { Prng } from '../prng.js';
import type { Value } from '../types.js';

export interface RowState {
  rng: Prng;
  /** The row's values so far, by field index (ghost fields included). */
  vals: Value[];
  /** The record behind a value, by field index: a FirstName for NAME, a City for CITY, a CSV row for CSV. */
  recs: unknown[];
  /** Index of the row within its command: batch × rows + row. */
  row: number;
  /** The command's reference time (epoch ms). */
  now: number;
  /** The instant of a row by its index in the command: what TIMESTAMP and use_now read (clock.ts). */
  clock: RowClock;
}

export type FieldGen = (st: RowState) => Value;
