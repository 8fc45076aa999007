/**
 * A schedule's state is the fold of its events (evolve), and what to do next is a pure decision over that
 * state and its executions' statuses (decide). The scheduler only carries decisions out.
 */
import { createHash } from 'node:crypto';
import type { CommandStatus } from '../../machines/command.machine.js';
import type { ScheduleEvent, ScheduleRequest } from '../events/schedule-types.js';

export type ScheduleStatus = 'ACTIVE' | 'PAUSED' | 'REMOVED';

export interface Execution {
  n: number;
  commandUuid: string;
  startedAt: string;
}

export interface ScheduleState {
  scheduleId: string;
  status: ScheduleStatus;
  comment: string;
  request: ScheduleRequest;
  delaySeconds: number;
  createdAt: string;
  executions: Execution[];
}

export function evolveSchedule(state: ScheduleState | undefined, event: ScheduleEvent): ScheduleState | undefined {
  if (event.type === 'schedule-created') {
    if (state) return state; // a duplicate creation changes nothing
    return {
      scheduleId: event.meta.scheduleId,
      status: 'ACTIVE',
      comment: '',
      request: event.data.request,
      delaySeconds: event.data.delaySeconds,
      createdAt: event.meta.occurredAt,
      executions: [],
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'execution-started':
      if (state.executions.some((e) => e.n === event.data.n)) return state;
      return { ...state, executions: [...state.executions, { n: event.data.n, commandUuid: event.data.commandUuid, startedAt: event.meta.occurredAt }] };
    case 'schedule-paused':
      return state.status === 'ACTIVE' ? { ...state, status: 'PAUSED', comment: event.data.reason } : state;
    case 'schedule-removed':
      return { ...state, status: 'REMOVED', comment: `removed by ${event.data.by}` };
  }
}

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

/** Deterministic: a scheduler that retries, or two that race, name execution n of a schedule the same. */
export function executionUuid(scheduleId: string, n: number): string {
  const h = createHash('sha256').update(`${scheduleId}:execution:${n}`).digest('hex');
  const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The seed of execution n when the schedule has none of its own. */
export function executionSeed(scheduleId: string, n: number): number {
  return parseInt(createHash('sha256').update(`${scheduleId}:seed:${n}`).digest('hex').slice(0, 12), 16);
}
