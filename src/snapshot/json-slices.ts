/**
 * JSON text of a long list, built in slices that give the event loop back between them: a snapshot of a large
 * state is encoded while requests and events keep being served. The items must not change meanwhile (the folds'
 * states are immutable values, so a shallow copy of a map's entries taken at one sequence is enough).
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';

export interface SlicedJson {
  text: string;
  /** The longest time the event loop was held by one slice. */
  longestSliceMs: number;
}

/** `[encode(items[0]), ...]` as JSON text, yielding after about `sliceMs` of work. */
export async function stringifyInSlices<T>(items: readonly T[], encode: (item: T) => unknown, sliceMs = 4): Promise<SlicedJson> {
  const parts: string[] = [];
  let longestSliceMs = 0;
  let i = 0;
  while (i < items.length) {
    const start = performance.now();
    do {
      parts.push(JSON.stringify(encode(items[i++])));
    } while (i < items.length && (i & 63 || performance.now() - start < sliceMs));
    longestSliceMs = Math.max(longestSliceMs, performance.now() - start);
    if (i < items.length) await yieldToLoop();
  }
  const start = performance.now();
  const text = `[${parts.join(',')}]`;
  return { text, longestSliceMs: Math.max(longestSliceMs, performance.now() - start) };
}
