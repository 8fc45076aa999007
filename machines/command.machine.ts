/**
 * The lifecycle of a command, as a pure XState v5 machine:
 *   QUEUED → STARTING → RUNNING → FINISHED | FAILED, and CANCELLED from any non-final state.
 *
 * The machine's events are the stored events themselves; a command's state is their fold
 * (see src/command/fold.ts). Its intents (`commandIntents`) are actions without implementation that the
 * orchestrator executes on the live path only: replaying history never re-runs them.
 * Context is JSON-only so snapshots survive any round trip.
 */
import { assign, setup } from 'xstate';
import type { CommandEvent, QueuedData } from './command-events.js';

/** What the `queued` event says about the command, plus what its later events add. */
export interface CommandContext extends QueuedData {
  commandUuid: string;
  /** Batch index → rows written, for every completed batch. */
  completed: Record<string, number>;
  completedCount: number;
  rowsWritten: number;
  /** Failed attempts so far (retried or final). */
  failedAttempts: number;
  comment: string;
  cancelRequested: boolean;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
}

export interface CommandInput {
  event: CommandEvent<'queued'>;
}

export const TERMINAL_STATUSES = ['FINISHED', 'FAILED', 'CANCELLED'] as const;
export const STATUSES = ['QUEUED', 'STARTING', 'RUNNING', ...TERMINAL_STATUSES] as const;
export type CommandStatus = (typeof STATUSES)[number];

function contextFrom(event: CommandEvent<'queued'>): CommandContext {
  const d: QueuedData = event.data;
  return {
    commandUuid: event.meta.commandUuid,
    service: d.service,
    rows: d.rows,
    batches: d.batches,
    threads: d.threads,
    seed: d.seed,
    model: d.model,
    owner: d.owner,
    ...(d.scheduleId ? { scheduleId: d.scheduleId } : {}),
    ...(d.output ? { output: d.output } : {}),
    properties: d.properties,
    completed: {},
    completedCount: 0,
    rowsWritten: 0,
    failedAttempts: 0,
    comment: '',
    cancelRequested: false,
    queuedAt: event.meta.occurredAt,
  };
}

/**
 * What the machine asks the orchestrator to do: named here without implementation, executed on the live path.
 * The Intent type and list are derived from this object, so they cannot drift from the machine.
 */
const commandIntents = {
  startCommand: () => {},
  prepareSink: () => {},
  dispatchBatches: () => {},
  finishCommand: () => {},
  failCommand: () => {},
  cancelCommand: () => {},
};

export type Intent = keyof typeof commandIntents;
export const INTENTS = Object.keys(commandIntents) as readonly Intent[];

const isNewBatch = (context: CommandContext, event: CommandEvent) =>
  event.type === 'batch-completed' &&
  Number.isInteger(event.data.batch) &&
  event.data.batch >= 0 &&
  event.data.batch < context.batches &&
  !(String(event.data.batch) in context.completed);

/** Transitions of every non-final state: a terminal state never changes again. */
const ABORTABLE = {
  'cancel-requested': { guard: 'notCancelRequested', actions: ['requestCancel', 'cancelCommand'] },
  failed: { target: 'FAILED', actions: ['recordFailure', 'markEnded'] },
  cancelled: { target: 'CANCELLED', actions: ['recordCancel', 'markEnded'] },
} as const;

export const commandMachine = setup({
  types: {
    context: {} as CommandContext,
    events: {} as CommandEvent,
    input: {} as CommandInput,
  },
  actions: {
    ...commandIntents,
    recordBatch: assign(({ context, event }) => {
      if (event.type !== 'batch-completed') return {};
      return {
        completed: { ...context.completed, [String(event.data.batch)]: event.data.rows },
        completedCount: context.completedCount + 1,
        rowsWritten: context.rowsWritten + event.data.rows,
      };
    }),
    recordFailedAttempt: assign(({ context, event }) =>
      event.type === 'batch-failed'
        ? { failedAttempts: context.failedAttempts + 1, comment: event.data.final ? context.comment : `batch ${event.data.batch} attempt ${event.data.attempt} failed: ${event.data.error}` }
        : {},
    ),
    markStarted: assign(({ event }) => ({ startedAt: event.meta.occurredAt })),
    markEnded: assign(({ event }) => ({ finishedAt: event.meta.occurredAt })),
    clearComment: assign({ comment: '' }),
    recordFailure: assign(({ event }) => (event.type === 'failed' ? { comment: event.data.reason } : {})),
    recordCancel: assign(({ event }) => (event.type === 'cancelled' ? { comment: event.data.reason } : {})),
    requestCancel: assign({ cancelRequested: true }),
  },
  guards: {
    isNewBatch: ({ context, event }) => isNewBatch(context, event),
    isLastBatch: ({ context, event }) => isNewBatch(context, event) && context.completedCount + 1 === context.batches,
    allBatchesDone: ({ context }) => context.completedCount === context.batches,
    isFinalFailure: ({ event }) => event.type === 'batch-failed' && event.data.final,
    isRetriedFailure: ({ event }) => event.type === 'batch-failed' && !event.data.final,
    notCancelRequested: ({ context }) => !context.cancelRequested,
  },
}).createMachine({
  id: 'command',
  context: ({ input }) => contextFrom(input.event),
  initial: 'QUEUED',
  states: {
    QUEUED: {
      entry: 'startCommand',
      on: { ...ABORTABLE, starting: { target: 'STARTING', actions: 'markStarted' } },
    },
    STARTING: {
      entry: 'prepareSink',
      on: { ...ABORTABLE, running: 'RUNNING' },
    },
    RUNNING: {
      entry: 'dispatchBatches',
      on: {
        ...ABORTABLE,
        'batch-completed': [
          { guard: 'isLastBatch', actions: ['recordBatch', 'clearComment', 'finishCommand'] },
          { guard: 'isNewBatch', actions: ['recordBatch', 'dispatchBatches'] },
        ],
        'batch-failed': [
          { guard: 'isFinalFailure', actions: ['recordFailedAttempt', 'failCommand'] },
          { guard: 'isRetriedFailure', actions: 'recordFailedAttempt' },
        ],
        finished: { guard: 'allBatchesDone', target: 'FINISHED', actions: ['clearComment', 'markEnded'] },
      },
    },
    FINISHED: { type: 'final' },
    FAILED: { type: 'final' },
    CANCELLED: { type: 'final' },
  },
});
