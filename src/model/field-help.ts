/**
 * What each field type generates and what each field property means: the one place their help is written.
 * GET /model/catalog serves it with the parser's own lists (field-spec.ts) to the dashboard's model builder;
 * test/unit/model/field-help.test.ts checks every type and every known property has its help.
 */
import type { FieldType } from './types.js';

/** The kind of value a property takes, for an editor to offer the right input. */
export type PropertyValueKind = 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'list' | 'object';

export interface PropertyHelp {
  kind: PropertyValueKind;
  help: string;
}

export const TYPE_HELP: Readonly<Record<FieldType, string>> = {
  STRING: 'Random text of `length` characters (letters, digits, symbols), or one of `possible_values`.',
  STRING_AZ: 'Random letters A–Z of `length` characters.',
  STRING_REGEX: 'Text matching `regex` (e.g. "[A-Z]{3}-[0-9]{4}").',
  INTEGER: 'A 32-bit integer between `min` and `max`, or one of `possible_values`.',
  LONG: 'A 64-bit integer between `min` and `max`.',
  FLOAT: 'A decimal number between `min` and `max`.',
  INCREMENT_INTEGER: 'A counter from `min` (default 0), one more each row, across batches.',
  INCREMENT_LONG: 'A 64-bit counter from `min` (default 0), one more each row, across batches.',
  BOOLEAN: 'true or false.',
  TIMESTAMP: 'The row\'s time in epoch milliseconds (the command\'s reference time plus TIMESTAMP_STEP_MS per row).',
  BYTES: 'Random bytes, `length` of them.',
  HASH_MD5: 'The MD5 hash of random bytes (upper-case hex in JSON).',
  BIRTHDATE: 'A date between `min_date` and `max_date` (d/M/yyyy), default 1910–2020.',
  DATE: 'An instant between `min_date` and `max_date` (ISO), or now with `use_now`.',
  DATE_AS_STRING: 'An instant written with `pattern` (e.g. "yyyy-MM-dd HH:mm:ss").',
  NAME: 'A first name, from the countries in `filters`.',
  COUNTRY: 'A country name.',
  CITY: 'A city of the countries in `filters`; its lat, long and country can be linked by other fields.',
  PHONE: 'A phone number of the countries in `filters`.',
  EMAIL: 'An e-mail address made of a name of the countries in `filters`.',
  IP: 'An IPv4 address.',
  UUID: 'A random UUID.',
  CSV: 'A value of column `field` of a row of the CSV `file` (rows chosen by `filters`); other fields may link its columns.',
  LINK: 'A value of another field\'s attribute: `link` "$city.lat".',
  OLLAMA: 'The answer of an Ollama model to `request` (${col} fills in the row\'s values).',
  OPEN_AI: 'The answer of an OpenAI-compatible model to `request`.',
  BEDROCK: 'The answer of an AWS Bedrock model to `request`.',
  LOCAL_LLM: 'The answer of a GGUF model file, run in the service, to `request`.',
};

export const PROPERTY_HELP: Readonly<Record<string, PropertyHelp>> = {
  name: { kind: 'text', help: 'The column name; unique in the model.' },
  type: { kind: 'text', help: 'What the field generates (one of the field types).' },
  length: { kind: 'integer', help: 'How many characters (or bytes); default 20.' },
  min: { kind: 'number', help: 'Lowest value (included); for INCREMENT types, the first value.' },
  max: { kind: 'number', help: 'Highest value.' },
  min_date: { kind: 'date', help: 'Earliest date: d/M/yyyy for BIRTHDATE, an ISO instant for DATE and DATE_AS_STRING.' },
  max_date: { kind: 'date', help: 'Latest date, in the same form as min_date.' },
  possible_values: { kind: 'list', help: 'The values to choose from, equally likely (a value listed twice is twice as likely).' },
  possible_values_weighted: { kind: 'object', help: 'Value → weight, e.g. {"A": 70, "B": 30}.' },
  filters: { kind: 'list', help: 'Countries (NAME, CITY, PHONE, EMAIL) such as ["France"], or "column=value" rows of a CSV.' },
  conditionals: { kind: 'object', help: 'Lines "condition": "value" tried in order, e.g. "$age < 18": "minor", "default": "adult"; or a formula, injection or link line.' },
  formula: { kind: 'text', help: 'A JavaScript expression of other fields ($age * 2), run in a sandbox.' },
  injection: { kind: 'text', help: 'Text with other fields put in: "${first}.${last}@example.com".' },
  link: { kind: 'text', help: 'Another field\'s attribute, "$city.lat".' },
  ghost: { kind: 'boolean', help: 'Generated (other fields may use it) but not written to the sinks.' },
  file: { kind: 'text', help: 'The CSV file, under the service\'s readable directories; LOCAL_LLM: the .gguf model file, in a directory of DATAGEN_LLM_MODELS_DIR.' },
  separator: { kind: 'text', help: 'The CSV file\'s separator; default ",".' },
  field: { kind: 'text', help: 'The CSV column this field takes.' },
  pattern: { kind: 'text', help: 'How DATE_AS_STRING writes the date, e.g. "yyyy-MM-dd".' },
  use_now: { kind: 'boolean', help: 'The row\'s time instead of a random date.' },
  regex: { kind: 'text', help: 'The regular expression generated values match.' },
  request: { kind: 'text', help: 'The prompt sent to the model; ${col} puts in a field\'s value.' },
  context: { kind: 'text', help: 'A system prompt sent before the request.' },
  url: { kind: 'text', help: 'The model server\'s URL (allowed by DATAGEN_LLM_ALLOWED_URLS).' },
  user: { kind: 'text', help: 'The model server\'s user or access key.' },
  password: { kind: 'text', help: 'The model server\'s password or secret key.' },
  model_type: { kind: 'text', help: 'Which model of the server answers.' },
  temperature: { kind: 'number', help: 'Sampling temperature of the model.' },
  frequency_penalty: { kind: 'number', help: 'Frequency penalty of the model.' },
  presence_penalty: { kind: 'number', help: 'Presence penalty of the model.' },
  max_tokens: { kind: 'integer', help: 'Longest answer, in tokens.' },
  top_p: { kind: 'number', help: 'Nucleus sampling of the model.' },
  script: { kind: 'text', help: '"native" keeps names in their country\'s script; default romanised.' },
  threads: { kind: 'integer', help: 'LOCAL_LLM: CPU threads the model runs on (default DATAGEN_LLM_LOCAL_THREADS, else all cores).' },
  pool_size: { kind: 'integer', help: 'Ask the model for this many answers once and draw from them.' },
  references: { kind: 'object', help: 'A foreign key: values are the keys of another model\'s rows: {"model", "field", "seed", "rows", "batches"} and either "children" ({"min", "max"} or {"weighted": {...}} per parent) or "pick" ("uniform", or {"zipf": s}: a few parents, spread over all, get most children).' },
  // Dirty data on purpose (faults/, docs/dirty-data.md): decided apart from the values, which stay the clean ones.
  null_rate: { kind: 'number', help: 'Share of rows (0–1) whose value is null.' },
  empty_rate: { kind: 'number', help: 'Share of rows (0–1) whose text is empty.' },
  malformed_rate: { kind: 'number', help: 'Share of rows (0–1) whose value is malformed, of the kinds in `malformed`.' },
  malformed: { kind: 'list', help: 'Kinds of malformed values: wrong_type (json/csv files only; typed sinks such as Kafka, Avro, Parquet, SQL, Hive draw only the others), truncated, out_of_range; default all that fit.' },
  late_rate: { kind: 'number', help: 'Share of rows (0–1) whose time is delayed, so events arrive late and out of order.' },
  late_by: { kind: 'object', help: 'How late: a mean in ms (exponential), or {"distribution":"exponential","mean_ms":…}, {"distribution":"uniform","min_ms":…,"max_ms":…}, {"distribution":"fixed","ms":…}.' },
};

/** Options the generation itself reads (model-keys.ts), not a sink. */
export const GENERATION_OPTION_HELP: Readonly<Record<string, string>> = {
  TIMESTAMP_STEP_MS: 'Milliseconds between the TIMESTAMP of one row and the next.',
  DUPLICATE_RATE: 'Share of rows (0–1) that repeat an earlier row of their chunk exactly.',
  NEAR_DUPLICATE_RATE: 'Share of rows (0–1) that repeat an earlier row with NEAR_DUPLICATE_FIELDS changed.',
  NEAR_DUPLICATE_FIELDS: 'The fields a near duplicate changes (comma-separated).',
};
