/**
 * `after` at submission (docs/related-models.md): at most MAX_AFTER commands, each one the read model knows
 * (a command, not a schedule). Each was queued before the new command, which has no uuid yet: no cycle can form.
 */
import { MAX_AFTER } from '../command/dependencies.js';
import { BadRequestError } from '../errors.js';
import type { ReadModel } from '../projection/read-model.js';

export function assertDependencies(readModel: Pick<ReadModel, 'status' | 'schedule'>, after: readonly string[], parameter = 'after'): void {
  if (after.length > MAX_AFTER) throw new BadRequestError(`parameter ${parameter}: a command may wait for at most ${MAX_AFTER} commands, got ${after.length}`, { parameter });
  for (const uuid of after) {
    if (readModel.status(uuid) !== undefined) continue;
    const what = readModel.schedule(uuid) ? 'is a schedule, not a command' : 'is no command of this service';
    throw new BadRequestError(`parameter ${parameter}: ${uuid} ${what}`, { parameter, value: uuid });
  }
}

/** The recorded `after`: the request's, then the dataset's parents, each once. */
export function recordedAfter(...lists: Array<readonly string[] | undefined>): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))];
}
