/** Rebuilds a read model from the events stream, and a digest to compare two read models at one sequence. */
import { TERMINAL_STATUSES } from '../../machines/command.machine.js';
import { ALL_EVENTS } from '../events/subjects.js';
import type { StoredScheduleEvent } from '../events/schedule-types.js';
import type { StoredEvent } from '../events/types.js';
import type { EventLog } from '../ports/event-log.js';
import { ReadModel } from './read-model.js';
import { scheduleView } from './schedule-view.js';
import { commandDetails } from './status-view.js';

const ENDED = new Set<string>(TERMINAL_STATUSES);

export interface RebuildResult {
  readModel: ReadModel;
  events: number;
  durationMs: number;
}

/** Replays DATAGEN_EVENTS from the start (up to `upToSeq` when given) into a fresh read model. */
export async function rebuildReadModel(events: EventLog, upToSeq?: number): Promise<RebuildResult> {
  const t0 = performance.now();
  const readModel = new ReadModel();
  const all = (await events.readAll(ALL_EVENTS, upToSeq)) as Array<StoredEvent | StoredScheduleEvent>;
  for (const e of all) readModel.apply(e);
  return { readModel, events: all.length, durationMs: performance.now() - t0 };
}

/** Everything the API can answer from a read model, at a fixed clock, as one comparable string. */
export function readModelDigest(rm: ReadModel, now: number): string {
  // An ended command's details are folded from its own events whenever asked (the read model keeps only its
  // view), so its view is what a replay can disagree on; an open command's details are held in memory.
  const commands = rm.views(now).map((v) => {
    const open = ENDED.has(v.status) ? undefined : rm.peek(v.commandUuid);
    return open ? commandDetails(open, now) : v;
  }).sort((a, b) => a.commandUuid.localeCompare(b.commandUuid));
  const schedules = rm.allSchedules().map((s) => scheduleView(s, (u, at) => rm.view(u, at), now)).sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
  return JSON.stringify({ seq: rm.appliedSeq, commands, schedules });
}
