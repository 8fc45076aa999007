/**
 * A worker's calls to the shared stores (reading the model and secrets, recording a batch's outcome) must outlast a
 * short outage, such as a stream electing a new leader in a cluster: the batch did not fail, the store was away. The
 * worker keeps the delivery (it heartbeats meanwhile) and calls again with backoff, rather than letting the delivery
 * lapse or reporting a failure, either of which would count against the batch's attempts. Appends are idempotent (a
 * deterministic message id), so a retried append that did land records nothing twice.
 */
import { sleep, type Clock } from '../ports/clock.js';

export interface RetryPolicy {
  /** First pause between tries; doubled each try up to maxDelayMs. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Gives up after this long: the caller then treats the last error as it would without retries. */
  giveUpAfterMs: number;
}

export const DEFAULT_STORE_RETRY: RetryPolicy = { firstDelayMs: 250, maxDelayMs: 5000, giveUpAfterMs: 120_000 };

/** Delays between tries under `policy`: 250, 500, 1000, … ms, until their sum would pass giveUpAfterMs. */
export function retryDelays(policy: RetryPolicy): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let d = policy.firstDelayMs; total + d <= policy.giveUpAfterMs; d = Math.min(policy.maxDelayMs, d * 2)) {
    delays.push(d);
    total += d;
  }
  return delays;
}

/**
 * Runs `call` until it resolves, pausing between tries as `policy` says while `keepGoing()` holds; throws the
 * last error when the tries run out. `onRetry` is told of each failed try (for the log).
 */
export async function retryWhileUnavailable<T>(
  call: () => Promise<T>,
  clock: Clock,
  policy: RetryPolicy,
  keepGoing: () => boolean,
  onRetry: (err: unknown, tryNumber: number) => void = () => {},
): Promise<T> {
  const delays = retryDelays(policy);
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await call();
    } catch (err) {
      const delay = delays[tryNumber - 1];
      if (delay === undefined || !keepGoing()) throw err;
      onRetry(err, tryNumber);
      await sleep(clock, delay);
    }
  }
}
