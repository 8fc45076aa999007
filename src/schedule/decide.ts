/** What a schedule does next: a pure decision over its state, its last execution's status and the time. */
import type { CommandStatus } from '../../machines/command.machine.js';
import { executionUuid } from './execution-ids.js';
import type { Execution, ScheduleState } from './schedule-state.js';

export interface ExecutionStatus {
  status: CommandStatus;
  comment: string;
  finishedAt?: string;
}

export type ScheduleDecision =
  | { kind: 'idle' }
  | { kind: 'start'; n: number; commandUuid: string }
  /** The execution was recorded but its command is missing (crash between the two appends): queue it. */
  | { kind: 'queue'; execution: Execution }
  | { kind: 'wait'; until: number }
  | { kind: 'pause'; reason: string; commandUuid: string };

export function decideSchedule(state: ScheduleState, statusOf: (uuid: string) => ExecutionStatus | undefined, now: number): ScheduleDecision {
  if (state.status !== 'ACTIVE') return { kind: 'idle' };
  const last = state.executions.at(-1);
  if (!last) return { kind: 'start', n: 1, commandUuid: executionUuid(state.scheduleId, 1) };
  const status = statusOf(last.commandUuid);
  if (!status) return { kind: 'queue', execution: last };
  if (status.status === 'FAILED' || status.status === 'CANCELLED') {
    return { kind: 'pause', commandUuid: last.commandUuid, reason: `execution ${last.n} (${last.commandUuid}) ${status.status}: ${status.comment}; fix the cause and schedule again` };
  }
  if (status.status !== 'FINISHED') return { kind: 'idle' };
  const due = Date.parse(status.finishedAt ?? last.startedAt) + state.delaySeconds * 1000;
  if (due > now) return { kind: 'wait', until: due };
  return { kind: 'start', n: last.n + 1, commandUuid: executionUuid(state.scheduleId, last.n + 1) };
}
