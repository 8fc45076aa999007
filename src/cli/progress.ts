/**
 * The live progress of a command on stderr: a cli-progress bar on a terminal, one line per status change
 * otherwise (CI logs, redirected output), so stdout stays clean for the uuid and the summary.
 */
import { SingleBar } from 'cli-progress';
import type { StatusView } from './client/types.js';
import { formatCount } from './format.js';
import { paintStatus } from './style.js';

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

  private render(s: StatusView): void {
    const payload = { state: paintStatus(s.status, process.stderr), rows: formatCount(s.rowsWritten), rowsTotal: formatCount(s.rowsRequested), elapsed: s.duration };
    if (!this.bar) {
      this.bar = new SingleBar({
        format: '{bar} {percentage}% | {value}/{total} batches | {rows}/{rowsTotal} rows | {elapsed} | {state}',
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        stream: process.stderr,
      });
      this.bar.start(s.batches, s.batchesCompleted, payload);
      return;
    }
    this.bar.update(s.batchesCompleted, payload);
  }
}
