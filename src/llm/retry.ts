/**
 * Retries of an LLM call (pure but for the sleep it is given): a 429 or a 5xx answer, or a connection that failed,
 * is tried again after an exponential backoff (or the server's Retry-After), up to a number of retries; anything
 * else (a 4xx: a wrong model name, a refused key) fails at once.
 */
export class LlmHttpError extends Error {
  constructor(readonly status: number, message: string, readonly retryAfterMs?: number) {
    super(message);
  }
}

/** A connection that failed or timed out (no HTTP answer). */
export class LlmUnreachable extends Error {}

export function isRetryable(err: unknown): boolean {
  if (err instanceof LlmHttpError) return err.status === 429 || err.status >= 500;
  return err instanceof LlmUnreachable;
}

/** Pause before retry `attempt` (0-based): base × 2^attempt capped at max, or the server's Retry-After when it gave one. */
export function backoffMs(attempt: number, retryAfterMs: number | undefined, baseMs = 250, maxMs = 8000): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, 60_000);
  return Math.min(maxMs, baseMs * 2 ** attempt);
}

/** Retry-After in ms: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterOf(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export interface RetryOptions {
  retries: number;
  baseMs?: number;
  sleep: (ms: number) => Promise<void>;
}

export async function withRetries<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (attempt >= options.retries || !isRetryable(err)) throw err;
      await options.sleep(backoffMs(attempt, err instanceof LlmHttpError ? err.retryAfterMs : undefined, options.baseMs));
    }
  }
}
