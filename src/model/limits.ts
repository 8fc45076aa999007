/**
 * Size limits of what a request may ask for, checked at submission so that no model or parameter can make the
 * service do unbounded work. Every limit has a default a real user does not reach and an environment variable
 * (read in src/config.ts); docs/security.md lists them. Pure data: the checks are in model-limits.ts.
 */

export interface Limits {
  /** Bytes of a model's JSON text. */
  modelBytes: number;
  /** Nesting depth of a model's JSON (and of any JSON request parameter). */
  modelDepth: number;
  /** Fields of one model. */
  fields: number;
  /** Characters of model_name. */
  modelNameLength: number;
  /** A STRING/STRING_AZ/BYTES/HASH_MD5 field's `length`. */
  stringLength: number;
  /** The longest text a STRING_REGEX field's regex can generate. */
  regexLength: number;
  /** Values of one field's possible_values (or possible_values_weighted). */
  possibleValues: number;
  /** Rows per batch (`rows`). */
  rows: number;
  /** Batches of one command (`batches`). */
  batches: number;
  /** rows × batches. */
  totalRows: number;
  /** The rows a generator holds at once (one chunk) × the size of a row as far as the model tells it. */
  batchBytes: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = {
  modelBytes: 8 * 1024 * 1024,
  modelDepth: 64,
  fields: 10_000,
  modelNameLength: 200,
  stringLength: 100_000,
  regexLength: 10_000,
  possibleValues: 100_000,
  rows: 1_000_000_000,
  batches: 1_000_000,
  totalRows: 1e12,
  batchBytes: 1024 * 1024 * 1024,
};

/** The environment variable of each limit. */
export const LIMIT_VARIABLES: Readonly<Record<keyof Limits, string>> = {
  modelBytes: 'DATAGEN_MAX_MODEL_BYTES',
  modelDepth: 'DATAGEN_MAX_MODEL_DEPTH',
  fields: 'DATAGEN_MAX_FIELDS',
  modelNameLength: 'DATAGEN_MAX_MODEL_NAME_LENGTH',
  stringLength: 'DATAGEN_MAX_STRING_LENGTH',
  regexLength: 'DATAGEN_MAX_REGEX_LENGTH',
  possibleValues: 'DATAGEN_MAX_POSSIBLE_VALUES',
  rows: 'DATAGEN_MAX_ROWS',
  batches: 'DATAGEN_MAX_BATCHES',
  totalRows: 'DATAGEN_MAX_TOTAL_ROWS',
  batchBytes: 'DATAGEN_MAX_BATCH_BYTES',
};

/** "at most 100000 (DATAGEN_MAX_STRING_LENGTH)": how every limit error ends. */
export function atMost(limits: Limits, key: keyof Limits): string {
  return `at most ${limits[key]} (${LIMIT_VARIABLES[key]})`;
}
