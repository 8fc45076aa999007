/**
 * Deployment-wide permits to call an LLM endpoint (issue 19): at most `limit` calls in flight at once at one
 * endpoint whatever the number of worker processes and generator threads. A permit is a lease its holder renews
 * while it holds it, so a holder that dies gives its permit back within the lease time.
 */
export interface LlmPermit {
  /** Gives the permit back (once; later calls do nothing). */
  release(): Promise<void>;
}

export interface LlmPermits {
  /**
   * Waits for one of the `limit` permits of `endpoint` (a key naming no secret: src/llm/endpoint-key.ts); rejects
   * with the signal's reason when `signal` aborts first.
   */
  acquire(endpoint: string, limit: number, signal?: AbortSignal): Promise<LlmPermit>;
}
