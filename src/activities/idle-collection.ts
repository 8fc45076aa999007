/**
 * A full garbage collection once a thread has been without jobs for a moment. V8 grows a busy thread's heap to
 * about twice what is live and keeps it committed while the thread sits idle (it collects on allocation, and an
 * idle thread allocates nothing): two generator threads done with a long batch held ~60 MB each through its
 * finalize step, which is when one serve's memory peaked. A collection when work stops gives the pages back (live
 * ~30 MB). V8 exposes the collector only behind --expose-gc; a context made after that flag is set has `gc`. The
 * flag is process-wide, so threads booted later have a global `gc` too: no model code runs in V8 (formulas run in
 * the QuickJS sandbox), so nothing untrusted can call it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Quiet time after the last job before collecting: long enough that back-to-back jobs never pay for it. */
export const IDLE_COLLECTION_MS = 1_000;

let collect: (() => void) | null | undefined;

/** V8's full collection, or null where it cannot be had. */
export function v8Collector(): (() => void) | null {
  if (collect !== undefined) return collect;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    collect = typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    collect = null; // not available: the heap is left to V8
  }
  return collect;
}

/** Counts a thread's jobs, and collects once none has run for IDLE_COLLECTION_MS. */
export class IdleCollection {
  private running = 0;
  private timer: NodeJS.Timeout | undefined;

  private readonly collect: () => void;
  private readonly quietMs: number;

  constructor(collect: () => void = () => v8Collector()?.(), quietMs = IDLE_COLLECTION_MS) {
    this.collect = collect;
    this.quietMs = quietMs;
  }

  jobStarted(): void {
    this.running++;
    clearTimeout(this.timer);
  }

  jobEnded(): void {
    this.running = Math.max(0, this.running - 1);
    if (this.running > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.running === 0) this.collect();
    }, this.quietMs);
    this.timer.unref();
  }
}
