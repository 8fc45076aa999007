/**
 * A process-wide signal that a long batch has started on one of its generator threads. The threads that sit idle
 * meanwhile (the model-check pool's, the sink steps') stop at once instead of after their idle time: a one-batch
 * command of tens of millions of rows peaked at its start, when the submission's check thread and the prepare
 * step's thread were still up beside the generator threads (measured: 45 and 21 MB of a 350 MB peak). The next
 * check or step boots its thread again.
 */

/** Rows from which a batch counts as long: it keeps the generator threads busy for seconds to minutes. */
export const LONG_BATCH_ROWS = 1_000_000;

type Listener = () => void;
const listeners = new Set<Listener>();

/** Calls `listener` whenever a long batch starts in this process; returns the unsubscribe. */
export function onLongBatch(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Told by the generator threads when a batch (or a shard of one) of `rows` rows starts. */
export function batchStarting(rows: number): void {
  if (rows < LONG_BATCH_ROWS) return;
  for (const listener of listeners) listener();
}
