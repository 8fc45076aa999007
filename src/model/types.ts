/**
 * The contract between the model engine and the rest of the service.
 * Everything downstream (workers, sinks, API) depends only on these types.
 */
import type { RowClock } from './clock.js';
import type { LlmSpec } from './llm-spec.js';
import type { FaultCounts } from './faults/counts.js';
import type { LifecycleSpec } from './lifecycle/lifecycle-spec.js';

export const FIELD_TYPES = [
  'STRING', 'STRING_AZ', 'STRING_REGEX', 'INTEGER', 'LONG', 'FLOAT', 'INCREMENT_INTEGER', 'INCREMENT_LONG',
  'BOOLEAN', 'TIMESTAMP', 'BYTES', 'HASH_MD5', 'BIRTHDATE', 'DATE', 'DATE_AS_STRING', 'NAME', 'COUNTRY',
  'CITY', 'PHONE', 'EMAIL', 'IP', 'UUID', 'CSV', 'LINK',
  'OLLAMA', 'OPEN_AI', 'BEDROCK', 'LOCAL_LLM',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/**
 * A generated value. Its JS type per field type:
 * string for text types, BIRTHDATE ('yyyy-MM-dd'), DATE_AS_STRING;
 * number for INTEGER, FLOAT, INCREMENT_INTEGER, TIMESTAMP (epoch ms);
 * bigint for LONG, INCREMENT_LONG (full 64-bit range);
 * boolean for BOOLEAN; Date for DATE; Uint8Array for BYTES and HASH_MD5.
 */
export type Value = string | number | bigint | boolean | Date | Uint8Array | null;

/** One output row: column name → value, ghost fields already removed, in model order. */
export type Row = Record<string, Value>;

/** One output column as sinks see it (ghost fields excluded). */
export interface Column {
  name: string;
  type: FieldType;
}

/** A field as written in a model, after normalisation of the legacy forms. */
export interface FieldDefinition {
  name: string;
  type: FieldType;
  ghost: boolean;
  /** Every other property of the field as written (length, min, max, filters, conditionals, ...). */
  props: Record<string, unknown>;
}

/** A parsed, validated model. JSON-only, so it can be stored and sent anywhere. */
export interface ModelDefinition {
  name: string;
  fields: FieldDefinition[];
  tableNames: Record<string, string>;
  options: Record<string, string>;
  primaryKeys: Record<string, string>;
  /** Things that load but look wrong (e.g. an unknown Options key): reported, never fatal. */
  warnings?: string[];
  /** Stateful entities written as a change stream or as their latest state (src/model/lifecycle/). */
  lifecycle?: LifecycleSpec;
  /**
   * The models its foreign keys name (and theirs), by name, as resolved when the command was submitted
   * (src/model/relations/): they travel with the model, so its rows never depend on what is stored later.
   */
  parents?: Record<string, ModelDefinition>;
}

/** Per-command inputs of generation that are not part of the model. */
export interface GenerateOptions {
  /**
   * The command's reference instant (epoch ms): row i's TIMESTAMP (and DATE/DATE_AS_STRING with use_now) is this
   * plus i × the model's TIMESTAMP_STEP_MS, and Date.now() inside formulas reads it, so a batch regenerated later is
   * identical. Default: the time of the call.
   */
  referenceTime?: number;
  /** TIMESTAMP and use_now read the wall clock at generation instead (a command run without a seed). */
  wallClock?: boolean;
  /** The instant of each row instead of either (a rate-controlled command: its scheduled send instants). */
  clock?: RowClock;
  /** The output stores typed columns (Avro, Parquet, SQL, ...): a malformed value is never of the wrong type (src/model/faults/). */
  typedOutput?: boolean;
  /** Faults injected into the rows of the range are added here, by kind (src/model/faults/counts.ts). */
  faultCounts?: FaultCounts;
}

/** A run of rows of one batch, from row `firstRow` (counted from the batch's start). */
export interface RowRange {
  firstRow: number;
  rows: number;
}

/** An output column an LLM writes: generated rows hold its prompt, which src/llm/fill.ts replaces by the answer. */
export interface LlmColumn {
  name: string;
  /** Where the field is in the model (Fields[i]), for errors. */
  path: string;
  spec: LlmSpec;
}

/** A model compiled once into a fast, deterministic row generator. */
export interface RowGenerator {
  readonly columns: Column[];
  /** Rows per chunk of this model (up to 16,384, fewer for wide rows): what a chunked generation holds at once. */
  readonly chunkRows: number;
  /** The model's output LLM columns (absent when it has none): each chunk's prompts are to be answered before use. */
  readonly llmColumns?: LlmColumn[];
  /**
   * The rows of `range` of batch `batch` (batches of `rowsPerBatch` rows) of a command seeded `seed`, a chunk at a
   * time, each generated when asked for. A row is the same whatever range it is generated in (row-blocks.ts).
   */
  chunks(seed: number, batch: number, rowsPerBatch: number, range: RowRange, options?: GenerateOptions): Iterable<Row[]>;
  /** Rows of batch `batch` (0-based) of a command with seed `seed`, all at once: its chunks joined. */
  generate(seed: number, batch: number, rows: number, options?: GenerateOptions): Row[];
  /** Releases what the generator holds outside the JS heap (the formula sandbox); idempotent. */
  dispose?(): void;
}
