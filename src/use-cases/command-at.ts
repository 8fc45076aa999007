/**
 * A command's state now (from the read model), or as of a stream sequence (folded from its stored events); a
 * schedule's state when the uuid is a schedule's. Time-dependent figures (a running command's duration) are
 * taken `at` the answer's instant: now, or when the last event folded happened.
 */
import { foldEvents, type CommandSnapshot } from '../command/fold.js';
import { NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { ReadModel } from '../projection/read-model.js';
import type { ScheduleState } from '../schedule/schedule-state.js';

export type CommandAt =
  | { kind: 'command'; snapshot: CommandSnapshot; at: number }
  | { kind: 'schedule'; schedule: ScheduleState; at: number };

export interface CommandAtDeps {
  events: EventLog;
  readModel: ReadModel;
  clock: Clock;
}

export async function commandAt(deps: CommandAtDeps, uuid: string, asOfSeq?: number): Promise<CommandAt> {
  if (asOfSeq !== undefined) {
    const history = (await deps.events.readCommand(uuid)).filter((e) => e.seq <= asOfSeq);
    const snapshot = foldEvents(history);
    if (!snapshot) throw new NotFoundError(`command ${uuid} did not exist at stream sequence ${asOfSeq}`, { commandUuid: uuid, asOfSeq });
    return { kind: 'command', snapshot, at: Date.parse(history.at(-1)!.meta.occurredAt) };
  }
  const at = deps.clock.now();
  const snapshot = await deps.readModel.load(uuid);
  if (snapshot) return { kind: 'command', snapshot, at };
  const schedule = deps.readModel.schedule(uuid);
  if (schedule) return { kind: 'schedule', schedule, at };
  throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });
}
