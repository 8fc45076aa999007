/**
 * The contract every sink implements. A sink's life for one command:
 *   validate (API, at submission) → prepare (orchestrator, once, before batches)
 *   → open (each generator actor) → begin/write…/commit per batch or shard → close
 *   → finalize (orchestrator, once, after all batches),
 *   or abort (orchestrator, once, when the command ended FAILED or CANCELLED: remove partial output).
 * A batch streams: its rows arrive a chunk at a time, so no batch is ever held whole. Each batch (or shard) is
 * idempotent: a redelivered one replaces its own output and nothing else.
 */
import type { ShardRange } from '../command/shards.js';
import type { Column, ModelDefinition, Row } from '../model/types.js';
import type { SinkBatchData } from '../../machines/command-events.js';
import type { EndpointPolicy } from './endpoints/endpoint-setting.js';
import type { OutputTarget } from './output-target.js';

/** Settings a sink reads: service configuration merged with the command's extraProperties. */
export interface SinkSettings {
  /** The service's data directory (absolute). */
  dataDir: string;
  /** Directories the service may write files under (absolute, resolved). */
  outputRoots: string[];
  /** Upper-case configuration keys, e.g. KAFKA_BROKERS, HBASE_REST_URL. */
  properties: Record<string, string>;
  /** Paths never written (nor read as data) besides the data directory's NATS store, e.g. the users file. */
  protectedRoots?: string[];
  /** The endpoints and files a command may name (src/sinks/endpoints/policy.ts); absent: none. */
  endpoints?: EndpointPolicy;
}

/** Set by the scheduler on each execution's command: its number in the schedule (file sinks name files by it). */
export const SCHEDULE_EXECUTION_PROPERTY = 'DATAGEN_SCHEDULE_EXECUTION';

export interface SinkContext {
  commandUuid: string;
  model: ModelDefinition;
  /** Output columns (ghost fields excluded), in model order. */
  columns: Column[];
  rowsPerBatch: number;
  batches: number;
  /** Rows per shard recorded in the command (src/command/shards.ts); absent: every batch is one shard. */
  shardRows?: number;
  settings: SinkSettings;
  /** The sinks a multipleconnectors command writes to, as recorded (src/sinks/multi-sink.ts); absent otherwise. */
  connectors?: string[];
}

export interface BatchResult {
  rows: number;
  bytes?: number;
  /** Where the batch went (file path, topic, table), for history and logs. */
  location?: string;
  /** A multipleconnectors command's batch: what each of its sinks committed. */
  sinks?: SinkBatchData[];
  /** Faults the model injected into the batch's rows, by kind (src/model/faults/); absent when none. */
  faults?: Record<string, number>;
  /** A model with LLM fields: the calls this batch made and the tokens they used (recorded answers cost none). */
  llm?: { calls: number; tokens: number };
}

/** One batch's (or one shard's) output, written a chunk at a time. */
export interface BatchStream {
  /** Writes one chunk of rows, in row order; resolves when the destination can take the next (back-pressure). */
  write(rows: Row[]): Promise<void>;
  /** Makes the rows written visible as this batch's (or shard's) output, replacing an earlier attempt's. */
  commit(): Promise<BatchResult>;
  /** Drops what was written; nothing of this attempt stays visible (records already sent to a stream do). */
  abort(): Promise<void>;
}

export interface BatchWriter {
  /** Starts the output of batch `batch`, or of one shard of it (shard.count > 1). */
  begin(batch: number, shard: ShardRange): Promise<BatchStream>;
  close(): Promise<void>;
}

export interface Sink {
  /** Service name as in /datagen/<name>. */
  readonly name: string;
  /** Checks model and settings at submission; throws BadRequestError saying what is wrong and where. */
  validate(ctx: SinkContext): void;
  /** Once per command before any batch: create topics/tables/directories, DELETE_PREVIOUS. */
  prepare(ctx: SinkContext): Promise<void>;
  /** A writer for one generator actor; closed when the actor is done with the command. */
  open(ctx: SinkContext): Promise<BatchWriter>;
  /** Once per command after every batch completed (e.g. assemble a single file). */
  finalize(ctx: SinkContext): Promise<void>;
  /** Once per command that ended FAILED or CANCELLED: removes partial output (temporary files, parts); best effort. */
  abort(ctx: SinkContext): Promise<void>;
  /** The files the command writes, for output ownership; undefined for sinks that write no files. */
  outputTarget?(ctx: SinkContext): OutputTarget;
  /** The files of each of several sinks (multipleconnectors), for output ownership; one entry per sink writing files. */
  outputTargets?(ctx: SinkContext): OutputTarget[];
  /** Human description of the target for error messages, e.g. "kafka 127.0.0.1:9092 topic t". */
  describe(ctx: SinkContext): string;
}
