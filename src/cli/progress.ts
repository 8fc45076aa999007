/**
 * The live progress of a command on stderr: a cli-progress bar on a terminal, one line per status change
 * otherwise (CI logs, redirected output), so stdout stays clean for the uuid and the summary.
 */
import { SingleBar } from 'cli-progress';
import type { StatusView } from './client/types.js';
import { formatCount } from './format.js';
import { paintStatus } from './style.js';

/** The bar's scale: progress in tenths of a percent, as the status view gives it. */
const PER_MILLE = 1000;

export class ProgressDisplay {
  private bar?: SingleBar;
  private lastStatus = '';
  private readonly tty = Boolean(process.stderr.isTTY);

  update(s: StatusView): void {
    if (this.tty) this.render(s);
    else if (s.status !== this.lastStatus) process.stderr.write(`${s.status} ${s.batchesCompleted}/${s.batches} batches, ${s.rowsWritten} rows\n`);
    this.lastStatus = s.status;
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  /** The bar follows the command's progress (rows within running batches too), so a one-batch command moves. */
  private render(s: StatusView): void {
    const payload = {
      state: paintStatus(s.status, process.stderr),
      pct: s.progress,
      done: s.batchesCompleted,
      batches: s.batches,
      rows: formatCount(s.rowsWritten),
      rowsTotal: formatCount(s.rowsRequested),
      elapsed: s.duration,
    };
    const value = Math.round(Number(s.progress) * 10) || 0;
    if (!this.bar) {
      this.bar = new SingleBar({
        format: '{bar} {pct}% | {done}/{batches} batches | {rows}/{rowsTotal} rows | {elapsed} | {state}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        stream: process.stderr,
      });
      this.bar.start(PER_MILLE, value, payload);
      return;
    }
    this.bar.update(value, payload);
  }
}
