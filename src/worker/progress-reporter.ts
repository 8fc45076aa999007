/**
 * The rows one batch attempt has written so far, reported at most once per interval. The first report waits an
 * interval after the attempt's first chunk, so a batch shorter than that reports nothing (most batches: the event
 * log grows only for long ones); the last rows are never reported, the completion follows at once. One report is
 * in flight at a time, and `stop` waits for it, so no progress is stored after the completion.
 */
import type { Clock } from '../ports/clock.js';

export class ProgressReporter {
  private since?: number;
  private sending?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    /** Rows the attempt writes in all. */
    private readonly totalRows: number,
    private readonly send: (rows: number) => Promise<void>,
  ) {}

  update(rows: number): void {
    if (this.stopped) return;
    const now = this.clock.now();
    if (this.since === undefined) {
      this.since = now;
      return;
    }
    if (this.sending || rows >= this.totalRows || now - this.since < this.intervalMs) return;
    this.since = now;
    // Progress is advisory: a report that could not be stored is dropped, the next interval sends a newer one.
    this.sending = this.send(rows).catch(() => {}).finally(() => (this.sending = undefined));
  }

  /** No more reports; resolves once the one in flight (if any) has settled. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.sending;
  }
}
