/**
 * The lifecycle of one batch of a command, as a pure XState v5 machine (BullMQ's named job states):
 *   pending → dispatched → completed | retrying → failed
 * `dispatched` is the orchestrator's decision to send the batch to the work queue (not a stored event); the
 * other events are the workers' stored reports. A retrying batch is redelivered by the work queue itself, or
 * re-sent (dispatched again) after a restart. Failed attempts are counted, so a re-sent batch continues its
 * count. The machine knows nothing of the command: whether a final failure fails it is the command machine's.
 */
import { assign, setup } from 'xstate';
import type { CommandEvent } from './command-events.js';

/** A batch's index is where it is kept, not part of its state: every batch starts from the same snapshot. */
export interface BatchContext {
  /** Highest failed attempt reported (0: none): a re-sent batch continues from there. */
  failedAttempts: number;
}

/** The orchestrator sent (or re-sent) the batch to the work queue. */
export interface BatchDispatched {
  type: 'dispatched';
}

export type BatchEvent = BatchDispatched | CommandEvent<'batch-completed'> | CommandEvent<'batch-failed'>;

export const BATCH_STATES = ['pending', 'dispatched', 'retrying', 'completed', 'failed'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Reports every state that has not ended accepts: a batch may complete or fail whoever sent it. */
const REPORTS = {
  'batch-completed': 'completed',
  'batch-failed': [
    { guard: 'isFinalFailure', target: 'failed', actions: 'countFailedAttempt' },
    { target: 'retrying', actions: 'countFailedAttempt' },
  ],
} as const;

export const batchMachine = setup({
  types: {
    context: {} as BatchContext,
    events: {} as BatchEvent,
  },
  actions: {
    countFailedAttempt: assign(({ context, event }) =>
      event.type === 'batch-failed' ? { failedAttempts: Math.max(context.failedAttempts, event.data.attempt) } : {},
    ),
  },
  guards: {
    isFinalFailure: ({ event }) => event.type === 'batch-failed' && event.data.final,
  },
}).createMachine({
  id: 'batch',
  context: { failedAttempts: 0 },
  initial: 'pending',
  states: {
    pending: { on: { ...REPORTS, dispatched: 'dispatched' } },
    dispatched: { on: REPORTS },
    retrying: { on: { ...REPORTS, dispatched: 'dispatched' } },
    completed: { type: 'final' },
    failed: { type: 'final' },
  },
});
