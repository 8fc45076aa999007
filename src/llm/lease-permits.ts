/**
 * Deployment-wide LLM permits as lease entries (src/ports/lease-bucket.ts): permit i of an endpoint is the key
 * `<endpoint>.<i>`, i < limit, held by whoever created it. The holder rewrites it every third of the lease time,
 * so it stays held for as long as the call takes, and deletes it to release; the entry of a holder that died
 * expires with its lease and is taken by the next. A full endpoint is polled with a short growing pause (nobody
 * announces an expiry), starting at a random slot so waiters spread over the slots.
 */
import { randomUUID } from 'node:crypto';
import type { LeaseBucket } from '../ports/lease-bucket.js';
import type { LlmPermit, LlmPermits } from '../ports/llm-permits.js';
import { isRevisionConflict } from '../ports/revision-conflict.js';

const FIRST_PAUSE_MS = 5;
const MAX_PAUSE_MS = 200;

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

export class LeasePermits implements LlmPermits {
  private readonly holder = randomUUID();

  constructor(private readonly bucket: LeaseBucket, private readonly leaseMs: number) {}

  async acquire(endpoint: string, limit: number, signal?: AbortSignal): Promise<LlmPermit> {
    for (let wait = FIRST_PAUSE_MS; ; wait = Math.min(MAX_PAUSE_MS, wait * 2)) {
      signal?.throwIfAborted();
      const start = Math.floor(Math.random() * limit);
      for (let i = 0; i < limit; i++) {
        const key = `${endpoint}.${(start + i) % limit}`;
        // Taken by another holder: try the next; the bucket unreachable: the call fails (and its batch is retried).
        const revision = await this.bucket.create(key, this.holder).catch((err: unknown) => {
          if (isRevisionConflict(err)) return undefined;
          throw err;
        });
        if (revision !== undefined) return this.held(key, revision);
      }
      await pause(wait * (0.5 + Math.random()), signal);
    }
  }

  /** A permit whose lease is renewed until released; a renewal that fails (the lease was lost) stops renewing. */
  private held(key: string, first: number): LlmPermit {
    let revision: number | undefined = first;
    // The renewal in flight: a release waits for it, so that it deletes at the latest revision.
    let renewing: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      renewing = renewing.then(async () => {
        if (revision === undefined) return;
        revision = await this.bucket.update(key, this.holder, revision).catch(() => undefined);
        if (revision === undefined) clearInterval(timer);
      });
    }, Math.max(1, Math.floor(this.leaseMs / 3)));
    timer.unref();
    return {
      release: async () => {
        clearInterval(timer);
        await renewing;
        const at = revision;
        revision = undefined;
        if (at !== undefined) await this.bucket.delete(key, at).catch(() => {});
      },
    };
  }
}
