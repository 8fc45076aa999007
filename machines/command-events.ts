/**
 * The event catalogue: every fact about a command, as stored on DATAGEN_EVENTS. The machines consume these
 * events, so they are defined here, beside them; src/events/ re-exports them for the rest of the service.
 * docs/events.md documents the same shapes as JSON Schema for NATS subscribers.
 */

export const SCHEMA_VERSION = 1;

export interface ModelRef {
  name: string;
  /** sha256 of the model's canonical JSON: the key of the model in the object store. */
  hash: string;
}

/** The files a file-sink command writes: every name is `<base>[-execution-<n>][-<batch>].<ext>` in `dir`. */
export interface OutputTarget {
  /** The directory, resolved through symbolic links as far as it exists. */
  dir: string;
  /** LOCAL_FILE_NAME or the model name: the family DELETE_PREVIOUS clears. */
  base: string;
  ext: string;
  /**
   * Which schedule execution's names: a number for one execution, "every" for a schedule as a whole (all its
   * executions), absent for a plain command.
   */
  execution?: number | 'every';
  /** DELETE_PREVIOUS: prepare deletes every name of the family. */
  deletesPrevious: boolean;
}

/**
 * A rate-controlled command's pace (docs/rate-control.md): rows per second from the start of its batches, ramping
 * linearly to `endRowsPerSecond` over `rampSeconds` (then staying there), with `burst` rows allowed at once.
 * Row i of the command (batch × rows + row) is sent at the instant src/command/rate-schedule.ts gives it.
 */
export interface RateSpec {
  rowsPerSecond: number;
  endRowsPerSecond?: number;
  rampSeconds?: number;
  /** Rows that may go at once (a token bucket's size); absent: 1. */
  burst?: number;
  /** The duration asked (seconds): `batches` were computed from it at submission; recorded for the views. */
  durationSeconds?: number;
}

export interface QueuedData {
  /** The service of /datagen/<service>; "multipleconnectors" for a command writing to several sinks. */
  service: string;
  /**
   * The sinks of a multipleconnectors command, lower case, in the order asked (absent: the one sink `service`,
   * as in every event recorded before it was).
   */
  connectors?: string[];
  rows: number;
  batches: number;
  threads: number;
  seed: number;
  /**
   * Set when the request gave no seed: TIMESTAMP and use_now read the wall clock at generation. Absent (a seeded
   * command, and every event recorded before it was): the deterministic row clock, reference time + step per row.
   */
  wallClock?: true;
  model: ModelRef;
  /** Per-command setting overrides (extraProperties), secrets already removed. */
  properties: Record<string, string>;
  owner: string;
  /** Set when the command is an execution of a schedule. */
  scheduleId?: string;
  /** The files the command writes (file sinks; absent in events recorded before it was): output ownership. */
  output?: OutputTarget;
  /** The files each local-file sink of a multipleconnectors command writes (such a command records no `output`). */
  outputs?: OutputTarget[];
  /**
   * Rows per shard (DATAGEN_SHARD_ROWS at submission): a larger batch runs as several shards. 0 or absent (events
   * recorded before it was): every batch is one shard.
   */
  shardRows?: number;
  /** Absent: as fast as the workers go (every command recorded before rate control). */
  rate?: RateSpec;
  /** A rate-controlled command with no end: `batches` is 0 and batches are queued until it is cancelled. */
  unbounded?: true;
  /**
   * Commands it waits for (docs/related-models.md): it stays QUEUED until each one is FINISHED, and fails if one
   * ends FAILED or CANCELLED. Each was queued before it, so no cycle can form. Absent: it starts at once.
   */
  after?: string[];
}

/** A report about one shard of a sharded batch names it; a report without them is about a whole batch. */
export interface ShardOf {
  /** 0-based shard within the batch. */
  shard?: number;
  /** Shards of the batch. */
  shards?: number;
}

/** What one sink of a multipleconnectors command wrote of a batch (or shard). */
export interface SinkBatchData {
  service: string;
  rows: number;
  bytes?: number;
  location?: string;
}

export interface BatchCompletedData extends ShardOf {
  batch: number;
  /** Rows written by this batch (by this shard, for a sharded batch); generated once, whatever the sinks. */
  rows: number;
  workerId: string;
  /** Bytes written, summed over the sinks of a multipleconnectors command. */
  bytes?: number;
  location?: string;
  durationMs: number;
  /** A multipleconnectors command's batch: what each sink committed (absent for a single sink). */
  sinks?: SinkBatchData[];
  /** Faults injected into its rows by kind (null, empty, malformed, late, duplicate, nearDuplicate); absent when none. */
  faults?: Record<string, number>;
  /** A model with LLM fields: the calls it made and the tokens they used. */
  llm?: LlmUsage;
}

/** LLM calls made and tokens used (docs/llm-fields.md). */
export interface LlmUsage {
  calls: number;
  tokens: number;
}

export interface BatchFailedData extends ShardOf {
  batch: number;
  workerId: string;
  error: string;
  attempt: number;
  /** No retry left: the command fails. */
  final: boolean;
}

/** Rows written so far by the attempt running a batch (or a shard), at most about once a second. */
export interface BatchProgressData extends ShardOf {
  batch: number;
  rows: number;
  workerId: string;
}

export interface FailedData {
  reason: string;
}

export interface CancelledData {
  reason: string;
}

export type CommandEventMap = {
  queued: QueuedData;
  starting: Record<string, never>;
  running: Record<string, never>;
  'batch-completed': BatchCompletedData;
  'batch-failed': BatchFailedData;
  'batch-progress': BatchProgressData;
  finished: { rows: number };
  failed: FailedData;
  'cancel-requested': { by: string };
  cancelled: CancelledData;
};

export type CommandEventType = keyof CommandEventMap;
export const COMMAND_EVENT_TYPES = [
  'queued', 'starting', 'running', 'batch-completed', 'batch-failed', 'batch-progress', 'finished', 'failed', 'cancel-requested', 'cancelled',
] as const satisfies readonly CommandEventType[];

export interface EventMeta {
  commandUuid: string;
  eventId: string;
  schemaVersion: number;
  occurredAt: string;
  causationId?: string;
  actor?: string;
}

/** The envelope as published: { type, data, meta }. */
export type CommandEvent<T extends CommandEventType = CommandEventType> = {
  [K in T]: { type: K; data: CommandEventMap[K]; meta: EventMeta };
}[T];

/** An event as read back from the stream, with its stream sequence. */
export type StoredEvent = CommandEvent & { seq: number };
