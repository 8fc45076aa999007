/**
 * Pacing a rate-controlled batch as it is written: a generated chunk is handed to the sink in slices of about
 * SLICE_MS of the schedule (at least the burst), each once the instant of its last row has come, so no row goes
 * before its instant and 50,000 rows/s flow as steadily as 1,000. The instants are the command's shared schedule
 * (src/command/rate-schedule.ts), so every generator actor writing a batch of it follows the one budget.
 */
import { offsetOfRow, rateAt } from '../command/rate-schedule.js';
import { sleep, systemClock, type Clock } from '../ports/clock.js';
import type { Pace } from '../ports/work-queue.js';
import type { RowClock } from '../model/clock.js';

/** The schedule time one slice spans: short enough to be smooth, long enough that a sleep per slice costs little. */
const SLICE_MS = 20;

export interface Slice {
  /** Rows [from, to) of the chunk. */
  from: number;
  to: number;
  /** Epoch ms before which the slice is not written. */
  notBefore: number;
}

/** The slices of a chunk of `rows` rows whose first row is row `firstRow` of the command (pure). */
export function slicesOf(pace: Pace, firstRow: number, rows: number): Slice[] {
  const out: Slice[] = [];
  const burst = Math.max(1, pace.rate.burst ?? 1);
  for (let from = 0; from < rows;) {
    const rate = rateAt(pace.rate, offsetOfRow(pace.rate, firstRow + from));
    const size = Math.max(burst, Math.ceil((rate * SLICE_MS) / 1000));
    const to = Math.min(rows, from + size);
    out.push({ from, to, notBefore: pace.startsAt + offsetOfRow(pace.rate, firstRow + to - 1) });
    from = to;
  }
  return out;
}

/** The longest a paced batch sleeps at once, so a stop is seen soon even by a batch queued well ahead of its rows. */
const MAX_SLEEP_MS = 250;

/** A paced batch stopped because its command ended: nothing of it is committed. */
export class PacingStopped extends Error {
  constructor() {
    super('the batch was stopped: its command ended');
    this.name = 'PacingStopped';
  }
}

/** Writes a chunk slice by slice, each at its instant; `stop` ends it before the next slice. */
export async function writePaced<T>(pace: Pace, firstRow: number, rows: T[], write: (slice: T[]) => Promise<void>, clock: Clock = systemClock, stop?: AbortSignal): Promise<void> {
  for (const s of slicesOf(pace, firstRow, rows.length)) {
    for (let wait = s.notBefore - clock.now(); wait > 0 || stop?.aborted; wait = s.notBefore - clock.now()) {
      if (stop?.aborted) throw new PacingStopped();
      await sleep(clock, Math.min(wait, MAX_SLEEP_MS));
    }
    await write(s.from === 0 && s.to === rows.length ? rows : rows.slice(s.from, s.to));
  }
}

/**
 * The instant TIMESTAMP reads for a row of a rate-controlled command: its scheduled send instant, from the
 * command's reference time for a seeded command (reruns are identical), from the pace's origin otherwise (the
 * real send time, as an unseeded command's wall clock would be).
 */
export function pacedClock(pace: Pace, referenceTime: number, wallClock: boolean): RowClock {
  const origin = wallClock ? pace.startsAt : referenceTime;
  return (row) => origin + Math.floor(offsetOfRow(pace.rate, row));
}

/** The time a batch's rows [firstRow, firstRow + rows) need at least, past now: added to its time budget. */
export function pacedSpanMs(pace: Pace, firstRow: number, rows: number, now: number): number {
  return Math.max(0, pace.startsAt + offsetOfRow(pace.rate, firstRow + rows - 1) - now);
}
