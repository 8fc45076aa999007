/** A schedule's state is the fold of its events through the schedule machine (pure). */
import { pureTransitions } from '../../machines/pure-transition.js';
import { scheduleMachine, type Execution, type ScheduleContext, type ScheduleStatus } from '../../machines/schedule.machine.js';
import type { ScheduleEvent } from '../events/schedule-types.js';

export type { Execution, ScheduleStatus };

/** The machine's context with its state as `status`: what the read model keeps and the views show. */
export interface ScheduleState extends ScheduleContext {
  status: ScheduleStatus;
}

const scheduleTransitions = pureTransitions(scheduleMachine);

/** Applies one event; what the machine rejects (a duplicate creation or execution, a late pause) changes nothing. */
export function evolveSchedule(state: ScheduleState | undefined, event: ScheduleEvent): ScheduleState | undefined {
  if (event.type === 'schedule-created') return state ?? stateOf(scheduleTransitions.initial({ event })[0]);
  if (!state) return state;
  const { status, ...context } = state;
  const snapshot = scheduleMachine.resolveState({ value: status, context });
  const [next] = scheduleTransitions.transition(snapshot, event);
  return next === snapshot ? state : stateOf(next);
}

function stateOf(snapshot: ReturnType<typeof scheduleMachine.resolveState>): ScheduleState {
  const c = snapshot.context;
  return {
    scheduleId: c.scheduleId,
    status: snapshot.value as ScheduleStatus,
    comment: c.comment,
    request: c.request,
    delaySeconds: c.delaySeconds,
    createdAt: c.createdAt,
    executions: c.executions,
  };
}
