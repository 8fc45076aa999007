/**
 * The lifecycle of a schedule, as a pure XState v5 machine: ACTIVE → PAUSED (an execution failed), and
 * REMOVED from any state. Its events are the stored schedule events; `schedule-created` starts it (input).
 * Executions are recorded in every state: one may start while a removal is being recorded.
 */
import { assign, setup } from 'xstate';
import type { ScheduleEvent, ScheduleRequest } from './schedule-events.js';

export interface Execution {
  n: number;
  commandUuid: string;
  startedAt: string;
}

export interface ScheduleContext {
  scheduleId: string;
  comment: string;
  request: ScheduleRequest;
  delaySeconds: number;
  createdAt: string;
  executions: Execution[];
}

export interface ScheduleInput {
  event: ScheduleEvent<'schedule-created'>;
}

export const SCHEDULE_STATUSES = ['ACTIVE', 'PAUSED', 'REMOVED'] as const;
export type ScheduleStatus = (typeof SCHEDULE_STATUSES)[number];

function contextFrom(event: ScheduleEvent<'schedule-created'>): ScheduleContext {
  return {
    scheduleId: event.meta.scheduleId,
    comment: '',
    request: event.data.request,
    delaySeconds: event.data.delaySeconds,
    createdAt: event.meta.occurredAt,
    executions: [],
  };
}

export const scheduleMachine = setup({
  types: {
    context: {} as ScheduleContext,
    events: {} as ScheduleEvent,
    input: {} as ScheduleInput,
  },
  actions: {
    recordExecution: assign(({ context, event }) =>
      event.type === 'execution-started'
        ? { executions: [...context.executions, { n: event.data.n, commandUuid: event.data.commandUuid, startedAt: event.meta.occurredAt }] }
        : {},
    ),
    recordPause: assign(({ event }) => (event.type === 'schedule-paused' ? { comment: event.data.reason } : {})),
    recordRemoval: assign(({ event }) => (event.type === 'schedule-removed' ? { comment: `removed by ${event.data.by}` } : {})),
  },
  guards: {
    isNewExecution: ({ context, event }) => event.type === 'execution-started' && !context.executions.some((e) => e.n === event.data.n),
  },
}).createMachine({
  id: 'schedule',
  context: ({ input }) => contextFrom(input.event),
  initial: 'ACTIVE',
  on: {
    'execution-started': { guard: 'isNewExecution', actions: 'recordExecution' },
    'schedule-removed': { target: '.REMOVED', actions: 'recordRemoval' },
  },
  states: {
    ACTIVE: { on: { 'schedule-paused': { target: 'PAUSED', actions: 'recordPause' } } },
    PAUSED: {},
    REMOVED: {},
  },
});
