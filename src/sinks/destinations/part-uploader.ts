/**
 * The streaming core of the object-store destinations: bytes written are gathered into parts of at least
 * `partSize` bytes, each part handed to `uploadPart` as soon as it is full, with at most `concurrency` uploads in
 * flight; write() waits while that many are running, so memory stays near (concurrency + 1) × partSize whatever
 * the file's size. A file that never fills one part is handed whole to `finish` instead, so the store can write
 * it in one request.
 */

export interface PartSink<P> {
  /** Uploads part `index` (0, 1, 2, ...); its result is kept, in order, for `finish`. */
  uploadPart(index: number, bytes: Uint8Array): Promise<P>;
  /**
   * Makes the file visible. `parts` holds every part's result in order when parts were uploaded; otherwise
   * `whole` holds the entire (small) file and `parts` is empty.
   */
  finish(parts: P[], whole: Uint8Array | undefined): Promise<void>;
  /** Drops what was uploaded; called once, after every upload in flight has settled. */
  discard(): Promise<void>;
}

export interface PartUploader {
  write(bytes: Uint8Array | string): Promise<void>;
  /** Uploads the last part, then finishes; returns the file's size in bytes. */
  commit(): Promise<number>;
  abort(): Promise<void>;
}

export interface PartPolicy {
  /** Smallest part (the store's minimum for every part but the last, e.g. 5 MiB on S3). */
  partSize: number;
  /** Uploads in flight at once (1: one part buffered while one uploads). */
  concurrency: number;
  /** The store's part limit (10,000 on S3, 50,000 blocks on Azure): parts grow so a large file stays under it. */
  maxParts?: number;
}

/** Part `index`'s minimum size: the base size, doubled every maxParts/10 parts so maxParts covers ~2^10 × more. */
export function partSizeAt(policy: PartPolicy, index: number): number {
  if (!policy.maxParts) return policy.partSize;
  const step = Math.max(1, Math.floor(policy.maxParts / 10));
  return policy.partSize * 2 ** Math.min(Math.floor(index / step), 10);
}

export function partUploader<P>(policy: PartPolicy, sink: PartSink<P>): PartUploader {
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let size = 0;
  let next = 0;
  const results: P[] = [];
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let state: 'open' | 'committed' | 'aborted' = 'open';
  let finished = false;
  let discarded: Promise<void> | undefined;
  const discardOnce = (): Promise<void> => (discarded ??= sink.discard());

  const take = (): Uint8Array => {
    const bytes = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
    pending = [];
    pendingBytes = 0;
    return bytes;
  };

  const start = (bytes: Uint8Array): void => {
    const index = next++;
    const upload = sink.uploadPart(index, bytes).then(
      (r) => {
        results[index] = r;
      },
      (err: unknown) => {
        failure ??= err;
      },
    );
    const tracked = upload.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };

  const settle = async (): Promise<void> => {
    while (inFlight.size > 0) await Promise.race(inFlight);
  };

  const check = (): void => {
    if (failure !== undefined) throw failure;
    if (state !== 'open') throw new Error(`write after ${state}`);
  };

  return {
    async write(chunk) {
      check();
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      if (bytes.byteLength === 0) return;
      pending.push(bytes);
      pendingBytes += bytes.byteLength;
      size += bytes.byteLength;
      if (pendingBytes < partSizeAt(policy, next)) return;
      // A full part waits for a free upload slot; the next one fills while it uploads.
      while (inFlight.size >= policy.concurrency) await Promise.race(inFlight);
      check();
      start(take());
    },

    async commit() {
      check();
      state = 'committed';
      try {
        if (next === 0) {
          await sink.finish([], take());
          finished = true;
          return size;
        }
        if (pendingBytes > 0) start(take());
        await settle();
        if (failure !== undefined) throw failure;
        await sink.finish(results, undefined);
        finished = true;
        return size;
      } catch (err) {
        await settle();
        await discardOnce().catch(() => {});
        throw err;
      }
    },

    async abort() {
      // A committed file is the caller's to remove; an aborted one is gone already.
      if (state === 'aborted' || finished) return;
      state = 'aborted';
      pending = [];
      await settle();
      await discardOnce();
    },
  };
}
