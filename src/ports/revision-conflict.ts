/**
 * A compare-and-set that lost: someone wrote the key since we read it, or created it first (JetStream's "wrong
 * last sequence", codes 10071 and 10164; the in-memory adapters throw the same words). Any other failure (the
 * store is unreachable) is not one and must not be retried as one.
 */
export function isRevisionConflict(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown };
  return e.code === 10071 || e.code === 10164 || (typeof e.message === 'string' && /wrong last sequence/i.test(e.message));
}
