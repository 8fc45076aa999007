/**
 * Waits for a snapshot save at shutdown, but not forever: with the NATS server gone a save only ends in timeouts,
 * and stopping must not hang on it. An unfinished save leaves the previous snapshot in place (the object store
 * switches to a new object only once it is whole), so giving up is safe.
 */
export async function withinMs<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a clean stop waits for its final snapshot. */
export const SHUTDOWN_SAVE_MS = 15_000;
