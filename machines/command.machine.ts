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
import type { CommandEvent, LlmUsage, QueuedData, SinkBatchData } from './command-events.js';

/** What the `queued` event says about the command, plus what its later events add. */
export interface CommandContext extends QueuedData {
  commandUuid: string;
  /** Batch index → rows written, for every completed batch (of a command with no end: those from completedBelow on). */
  completed: Record<string, number>;
  /** A command with no end: every batch below this one completed (they leave `completed`, so it stays small). */
  completedBelow?: number;
  completedCount: number;
  /** Rows of every completed batch and of every completed shard of a batch still running. */
  rowsWritten: number;
  /** A multipleconnectors command's rows committed per sink (the same rows, once per sink); absent otherwise. */
  rowsBySink?: Record<string, number>;
  /** Faults injected into the rows of completed batches (and shards), by kind; absent while none. */
  faults?: Record<string, number>;
  /** LLM calls made and tokens used by completed batches (and shards); absent for a model without LLM fields. */
  llm?: LlmUsage;
  /** Shards per batch: the layout computed from `rows` and `shardRows` (1: batches are not sharded). */
  shards: number;
  /** Batches some but not all of whose shards completed: batch → shard → rows written. */
  shardsCompleted: Record<string, Record<string, number>>;
  /** Rows reported written so far by running attempts, by `<batch>:<shard>`: dropped when that shard completes. */
  inProgress: Record<string, number>;
  /** Failed attempts so far (retried or final). */
  failedAttempts: number;
  comment: string;
  cancelRequested: boolean;
  queuedAt: string;
  startedAt?: string;
  finishedAt?: string;
  /** A rate-controlled command: when its batches started (the `running` event), the origin of its pace. */
  runningAt?: string;
  /**
   * A rate-controlled command: [epoch ms, rows written] at its recent reports, the latest one at least
   * RATE_WINDOW_MS old first, so the actual rate over the last seconds is their slope.
   */
  rateSamples?: Array<[number, number]>;
}

/** The span of reports the actual rate of a rate-controlled command is measured over. */
export const RATE_WINDOW_MS = 10_000;
const MAX_RATE_SAMPLES = 64;

export interface CommandInput {
  event: CommandEvent<'queued'>;
  /** Shards per batch, computed by the fold from the recorded shard size (machines/ knows no layout); absent: 1. */
  shards?: number;
}

export const TERMINAL_STATUSES = ['FINISHED', 'FAILED', 'CANCELLED'] as const;
export const STATUSES = ['QUEUED', 'STARTING', 'RUNNING', ...TERMINAL_STATUSES] as const;
export type CommandStatus = (typeof STATUSES)[number];

function contextFrom({ event, shards }: CommandInput): CommandContext {
  const d: QueuedData = event.data;
  return {
    commandUuid: event.meta.commandUuid,
    service: d.service,
    rows: d.rows,
    batches: d.batches,
    threads: d.threads,
    seed: d.seed,
    ...(d.wallClock ? { wallClock: true } : {}),
    model: d.model,
    owner: d.owner,
    ...(d.scheduleId ? { scheduleId: d.scheduleId } : {}),
    ...(d.connectors ? { connectors: d.connectors } : {}),
    ...(d.output ? { output: d.output } : {}),
    ...(d.outputs ? { outputs: d.outputs } : {}),
    ...(d.shardRows !== undefined ? { shardRows: d.shardRows } : {}),
    ...(d.rate ? { rate: d.rate } : {}),
    ...(d.unbounded ? { unbounded: true } : {}),
    ...(d.after?.length ? { after: d.after } : {}),
    properties: d.properties,
    completed: {},
    completedCount: 0,
    rowsWritten: 0,
    shards: shards ?? 1,
    shardsCompleted: {},
    inProgress: {},
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

/** The key of a shard in `inProgress`. */
export const shardKey = (batch: number, shard: number | undefined) => `${batch}:${shard ?? 0}`;

/** A batch and shard of this command's layout that have not completed (a report without a shard is shard 0). */
function isOpenShard(context: CommandContext, data: { batch: number; shard?: number; shards?: number }): boolean {
  const shard = data.shard ?? 0;
  return Number.isInteger(data.batch) && data.batch >= 0 && (context.unbounded === true || data.batch < context.batches) &&
    Number.isInteger(shard) && shard >= 0 && shard < context.shards &&
    (data.shards === undefined || data.shards === context.shards) &&
    !(String(data.batch) in context.completed) && !(data.batch < (context.completedBelow ?? 0)) &&
    !(String(shard) in (context.shardsCompleted[String(data.batch)] ?? {}));
}

/** A completion of a shard (or of an unsharded batch) not completed yet. */
const isNewBatch = (context: CommandContext, event: CommandEvent) => event.type === 'batch-completed' && isOpenShard(context, event.data);

/** A new completion that completes its batch: its last open shard. */
const completesBatch = (context: CommandContext, event: CommandEvent) =>
  isNewBatch(context, event) && event.type === 'batch-completed' &&
  Object.keys(context.shardsCompleted[String(event.data.batch)] ?? {}).length + 1 === context.shards;

/** Progress of an open shard that moves it forward, within a batch's rows. */
const isNewProgress = (context: CommandContext, event: CommandEvent) =>
  event.type === 'batch-progress' && isOpenShard(context, event.data) && Number.isInteger(event.data.rows) &&
  event.data.rows > (context.inProgress[shardKey(event.data.batch, event.data.shard)] ?? 0) && event.data.rows <= context.rows;

/** Per-sink rows after one more completion (a sink's rows count once per shard or batch completed). */
function addSinkRows(bySink: Record<string, number>, sinks: readonly SinkBatchData[]): Record<string, number> {
  const next = { ...bySink };
  for (const s of sinks) next[s.service] = (next[s.service] ?? 0) + s.rows;
  return next;
}

function addCounts(into: Record<string, number>, more: Record<string, number>): Record<string, number> {
  const next = { ...into };
  for (const [k, n] of Object.entries(more)) next[k] = (next[k] ?? 0) + n;
  return next;
}

const addUsage = (into: LlmUsage | undefined, more: LlmUsage): LlmUsage => ({ calls: (into?.calls ?? 0) + more.calls, tokens: (into?.tokens ?? 0) + more.tokens });

/** Rows written so far, counting what running attempts reported. */
function rowsSoFar(context: CommandContext): number {
  let rows = context.rowsWritten;
  for (const r of Object.values(context.inProgress)) rows += r;
  return rows;
}

/** The samples after one more report: the new one last, those before the window dropped but the latest of them. */
function withSample(samples: ReadonlyArray<[number, number]>, at: number, rows: number): Array<[number, number]> {
  const next: Array<[number, number]> = [...samples, [at, rows]];
  while (next.length > 2 && (next.length > MAX_RATE_SAMPLES || at - next[1]![0] >= RATE_WINDOW_MS)) next.shift();
  return next;
}

/** A command with no end keeps only the completed batches above the run of batches completed from 0. */
function compacted(completed: Record<string, number>, below: number): Pick<CommandContext, 'completed' | 'completedBelow'> {
  let b = below;
  while (String(b) in completed) delete completed[String(b++)];
  return { completed, completedBelow: b };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _dropped, ...rest } = record;
  return rest;
}

/**
 * What a failure message adds for a report about one shard: " (shard 1 of 3)" after the error, so messages keep
 * the form they have for whole batches ("batch 3 failed after 3 attempts: <error>").
 */
export function shardSuffix(data: { shard?: number; shards?: number }): string {
  if (data.shard === undefined) return '';
  return data.shards === undefined ? ` (shard ${data.shard})` : ` (shard ${data.shard} of ${data.shards})`;
}

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
    /** A shard's rows replace its progress; the batch's last shard moves the batch to `completed`. */
    recordBatch: assign(({ context, event }) => {
      if (event.type !== 'batch-completed') return {};
      const batch = String(event.data.batch);
      const done = { ...context.shardsCompleted[batch], [String(event.data.shard ?? 0)]: event.data.rows };
      const inProgress = without(context.inProgress, shardKey(event.data.batch, event.data.shard));
      const rowsWritten = context.rowsWritten + event.data.rows;
      const bySink = {
        ...(event.data.sinks ? { rowsBySink: addSinkRows(context.rowsBySink ?? {}, event.data.sinks) } : {}),
        ...(event.data.faults ? { faults: addCounts(context.faults ?? {}, event.data.faults) } : {}),
        ...(event.data.llm ? { llm: addUsage(context.llm, event.data.llm) } : {}),
      };
      if (Object.keys(done).length < context.shards) return { shardsCompleted: { ...context.shardsCompleted, [batch]: done }, inProgress, rowsWritten, ...bySink };
      const batchRows = Object.values(done).reduce((a, b) => a + b, 0);
      const completed = { ...context.completed, [batch]: batchRows };
      return {
        ...(context.unbounded ? compacted(completed, context.completedBelow ?? 0) : { completed }),
        completedCount: context.completedCount + 1,
        shardsCompleted: without(context.shardsCompleted, batch),
        inProgress,
        rowsWritten,
        ...bySink,
      };
    }),
    recordProgress: assign(({ context, event }) =>
      event.type === 'batch-progress' ? { inProgress: { ...context.inProgress, [shardKey(event.data.batch, event.data.shard)]: event.data.rows } } : {},
    ),
    recordFailedAttempt: assign(({ context, event }) =>
      event.type === 'batch-failed'
        ? { failedAttempts: context.failedAttempts + 1, comment: event.data.final ? context.comment : `batch ${event.data.batch} attempt ${event.data.attempt} failed: ${event.data.error}${shardSuffix(event.data)}` }
        : {},
    ),
    /** A rate-controlled command's rows over time, for its actual rate (others keep no samples). */
    sampleRate: assign(({ context, event }) =>
      context.rate ? { rateSamples: withSample(context.rateSamples ?? [], Date.parse(event.meta.occurredAt), rowsSoFar(context)) } : {},
    ),
    markRunning: assign(({ context, event }) => (context.rate ? { runningAt: event.meta.occurredAt } : {})),
    markStarted: assign(({ event }) => ({ startedAt: event.meta.occurredAt })),
    markEnded: assign(({ event }) => ({ finishedAt: event.meta.occurredAt })),
    clearComment: assign({ comment: '' }),
    recordFailure: assign(({ event }) => (event.type === 'failed' ? { comment: event.data.reason } : {})),
    recordCancel: assign(({ event }) => (event.type === 'cancelled' ? { comment: event.data.reason } : {})),
    requestCancel: assign({ cancelRequested: true }),
  },
  guards: {
    isNewBatch: ({ context, event }) => isNewBatch(context, event),
    isLastBatch: ({ context, event }) => completesBatch(context, event) && context.completedCount + 1 === context.batches,
    isNewProgress: ({ context, event }) => isNewProgress(context, event),
    allBatchesDone: ({ context }) => !context.unbounded && context.completedCount === context.batches,
    isFinalFailure: ({ event }) => event.type === 'batch-failed' && event.data.final,
    isRetriedFailure: ({ event }) => event.type === 'batch-failed' && !event.data.final,
    notCancelRequested: ({ context }) => !context.cancelRequested,
  },
}).createMachine({
  id: 'command',
  context: ({ input }) => contextFrom(input),
  initial: 'QUEUED',
  states: {
    QUEUED: {
      entry: 'startCommand',
      on: { ...ABORTABLE, starting: { target: 'STARTING', actions: 'markStarted' } },
    },
    STARTING: {
      entry: 'prepareSink',
      on: { ...ABORTABLE, running: { target: 'RUNNING', actions: 'markRunning' } },
    },
    RUNNING: {
      entry: 'dispatchBatches',
      on: {
        ...ABORTABLE,
        'batch-completed': [
          { guard: 'isLastBatch', actions: ['recordBatch', 'sampleRate', 'clearComment', 'finishCommand'] },
          // A shard that does not complete its batch frees a slot too.
          { guard: 'isNewBatch', actions: ['recordBatch', 'sampleRate', 'dispatchBatches'] },
        ],
        'batch-progress': { guard: 'isNewProgress', actions: ['recordProgress', 'sampleRate'] },
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
