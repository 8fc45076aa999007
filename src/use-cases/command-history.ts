/** A command's audit history from the event log (a schedule's when the uuid is a schedule's), secrets redacted. */
import { NotFoundError } from '../errors.js';
import type { EventLog } from '../ports/event-log.js';
import { redactDeep } from '../secrets/redact-deep.js';

export interface HistoryEntry {
  seq: number;
  type: string;
  at: string;
  data: unknown;
  actor?: string;
}

export interface CommandHistory {
  commandUuid: string;
  /** Set when the uuid is a schedule's. */
  scheduleId?: string;
  events: HistoryEntry[];
}

export async function commandHistory(deps: { events: EventLog }, uuid: string): Promise<CommandHistory> {
  const stored = await deps.events.readCommand(uuid);
  const list = stored.length ? stored : await deps.events.readSchedule(uuid);
  if (list.length === 0) throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });
  return {
    commandUuid: uuid,
    ...(stored.length ? {} : { scheduleId: uuid }),
    events: list.map((e) => ({ seq: e.seq, type: e.type, at: e.meta.occurredAt, data: redactDeep(e.data), ...(e.meta.actor ? { actor: e.meta.actor } : {}) })),
  };
}
