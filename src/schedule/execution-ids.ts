/** Names of a schedule's executions, derived from the schedule: a scheduler that retries, or two that race, agree. */
import { createHash } from 'node:crypto';

/** The command uuid of execution n (a version-5-shaped uuid from a hash). */
export function executionUuid(scheduleId: string, n: number): string {
  const h = createHash('sha256').update(`${scheduleId}:execution:${n}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The seed of execution n when the schedule has none of its own. */
export function executionSeed(scheduleId: string, n: number): number {
  return parseInt(createHash('sha256').update(`${scheduleId}:seed:${n}`).digest('hex').slice(0, 12), 16);
}
