/**
 * How long a starting process waits for its activity threads to boot (modules and dictionaries loaded) before
 * it answers requests: long enough for any normal start, so the first command finds them ready; bounded, so an
 * overloaded machine still gets a process that answers, its first commands waiting for the threads as jobs do.
 */
import type { Logger } from 'pino';

export const BOOT_WAIT_MS = 10_000;

export async function waitForBoot(booting: Array<Promise<void> | undefined>, log: Logger, ms = BOOT_WAIT_MS): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), ms); });
  const outcome = await Promise.race([Promise.all(booting), late]);
  clearTimeout(timer);
  if (outcome === 'late') log.warn({ waitedMs: ms }, 'activity threads still booting: serving meanwhile, their first jobs wait for them');
}
