/**
 * Rebuilds the read model from the event log up to the live one's sequence and says whether the two are
 * identical. One replay at a time: it reads the whole log, so callers that arrive while one runs share its answer
 * instead of starting another (a burst of clicks or a hostile loop must not multiply the work).
 */
import type { Logger } from 'pino';
import type { HealthProbe } from '../health.js';
import type { Clock } from '../ports/clock.js';
import type { EventLog } from '../ports/event-log.js';
import type { ReadModel } from '../projection/read-model.js';
import { readModelDigest, rebuildReadModel } from '../projection/replay.js';
import type { CommandStatus } from '../../machines/command.machine.js';
import { assertCanRecord } from './can-record.js';

export interface ReplayDeps {
  events: EventLog;
  readModel: ReadModel;
  health: HealthProbe;
  clock: Clock;
  log: Logger;
}

export interface ReplayReport {
  seq: number;
  events: number;
  commands: number;
  schedules: number;
  byStatus: Record<CommandStatus, number>;
  durationMs: number;
  identical: boolean;
}

/** The replay use case of one API: calls made while a replay runs answer that replay's report. */
export function replayReadModel(deps: ReplayDeps): () => Promise<ReplayReport> {
  let running: Promise<ReplayReport> | undefined;
  return () => {
    assertCanRecord(deps.health);
    running ??= replayOnce(deps).finally(() => (running = undefined));
    return running;
  };
}

async function replayOnce(deps: ReplayDeps): Promise<ReplayReport> {
  // Freeze the live view at one sequence, then rebuild exactly up to it.
  const seq = deps.readModel.appliedSeq;
  const now = deps.clock.now();
  const live = readModelDigest(deps.readModel, now);
  const rebuilt = await rebuildReadModel(deps.events, seq);
  const identical = readModelDigest(rebuilt.readModel, now) === live;
  const durationMs = Math.round(rebuilt.durationMs);
  deps.log.info({ seq, events: rebuilt.events, durationMs, identical }, 'read model replayed');
  return {
    seq,
    events: rebuilt.events,
    commands: rebuilt.readModel.size,
    schedules: rebuilt.readModel.allSchedules().length,
    byStatus: rebuilt.readModel.countsByStatus(),
    durationMs,
    identical,
  };
}
