/** Parses and validates a model in the Datagen JSON format (pure). */
import { ModelError } from '../errors.js';
import { readFieldSpec, unknownPropertyWarnings, type FieldSpec } from './field-spec.js';
import { OPTION_KEYS, OPTION_KINDS, optionValueProblem, TABLE_NAME_KEYS } from './model-keys.js';
import { jsonTextTooDeepAt } from './json-depth.js';
import { atMost, DEFAULT_LIMITS, type Limits } from './limits.js';
import { assertFieldCount, assertFieldsWithinLimits, assertModelName } from './model-limits.js';
import { checkReferences } from './references.js';
import { readModelFaults } from './faults/fault-spec.js';
import { checkChangeColumns } from './lifecycle/change-columns.js';
import { readLifecycle } from './lifecycle/read-lifecycle.js';
import { didYouMean } from './suggest.js';
import { FIELD_TYPES, type FieldDefinition, type FieldType, type ModelDefinition } from './types.js';

/** Spellings of 0.4.x models (spec §4.3), accepted and normalised. */
const LEGACY_TYPES: Record<string, FieldType> = { STRINGAZ: 'STRING_AZ', HASHMD5: 'HASH_MD5', OPENAI: 'OPEN_AI' };

export function parseModelText(text: string, source = 'model', limits: Limits = DEFAULT_LIMITS): ModelDefinition {
  // Checked on the text: a document too deep to walk must be refused before anything recurses over it.
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.modelBytes) throw new ModelError(`${source} is ${bytes} bytes; a model may have ${atMost(limits, 'modelBytes')} bytes`);
  const deepAt = jsonTextTooDeepAt(text, limits.modelDepth);
  if (deepAt !== undefined) throw new ModelError(`${source} nests deeper than ${limits.modelDepth} levels (at character ${deepAt}); a model may nest ${atMost(limits, 'modelDepth')} levels`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`${source} is not valid JSON (${(e as Error).message})`);
  }
  return parseModel(json, limits);
}

export function parseModel(json: unknown, limits: Limits = DEFAULT_LIMITS): ModelDefinition {
  if (!isObject(json)) throw new ModelError('a model must be a JSON object');
  const fieldsRaw = json.Fields;
  if (!Array.isArray(fieldsRaw) || fieldsRaw.length === 0) throw new ModelError('must be a non-empty array of fields', 'Fields');
  assertFieldCount(fieldsRaw.length, limits);
  const fields = fieldsRaw.map((f, i) => parseField(f, `Fields[${i}]`));
  assertFieldsWithinLimits(fields, limits);
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.name)) throw new ModelError(`duplicate field name "${f.name}"`, `Fields[${i}].name`);
    seen.add(f.name);
  });
  const specs = fields.map(readFieldSpec);
  checkReferences(specs);
  const warnings = fields.flatMap(unknownPropertyWarnings);
  const tableNames = parseKeyValues(json.Table_Names, 'Table_Names');
  const options = parseKeyValues(json.Options, 'Options');
  warnings.push(...checkTableNames(tableNames), ...checkOptions(options, specs));
  for (const key of Object.keys(json)) {
    if (!['model_name', 'Fields', 'Table_Names', 'Options', 'Primary_Keys', 'Lifecycle'].includes(key)) warnings.push(`${key}: unknown top-level key, ignored`);
  }
  const name = typeof json.model_name === 'string' && json.model_name.trim() ? json.model_name.trim() : `__UNNAMED-${Date.now()}`;
  assertModelName(name, limits);
  const model: ModelDefinition = { name, fields, tableNames, options, primaryKeys: parseKeyValues(json.Primary_Keys, 'Primary_Keys') };
  readModelFaults(model, specs); // refuses a bad rate here, not at the first batch
  if (json.Lifecycle !== undefined) {
    model.lifecycle = readLifecycle(json.Lifecycle, fields);
    checkChangeColumns(model.lifecycle, fields.filter((f) => !f.ghost).map((f) => ({ name: f.name, type: f.type })));
  }
  if (warnings.length) model.warnings = warnings;
  return model;
}

/** The validated specs of a parsed model's fields (for compile). */
export function fieldSpecs(model: ModelDefinition): FieldSpec[] {
  return model.fields.map(readFieldSpec);
}

function parseField(raw: unknown, path: string): FieldDefinition {
  if (!isObject(raw)) throw new ModelError('must be an object', path);
  const { name, type, ghost, ...props } = raw;
  if (typeof name !== 'string' || !name.trim()) throw new ModelError('is required and must be a non-empty string', `${path}.name`);
  // Rows are plain objects keyed by field name: this one would set the row's prototype instead of a column.
  if (name === '__proto__') throw new ModelError('"__proto__" is reserved and cannot name a field', `${path}.name`);
  if (typeof type !== 'string') throw new ModelError(`is required (field "${name}")`, `${path}.type`);
  const upper = type.trim().toUpperCase();
  const normalised = (LEGACY_TYPES[upper] ?? upper) as FieldType;
  if (!FIELD_TYPES.includes(normalised)) {
    throw new ModelError(`unknown type "${type}" for field "${name}"${didYouMean(type, FIELD_TYPES)}; valid types: ${FIELD_TYPES.join(', ')}`, `${path}.type`);
  }
  if (ghost !== undefined && ghost !== null && typeof ghost !== 'boolean' && !(typeof ghost === 'string' && /^(true|false)$/i.test(ghost))) {
    throw new ModelError(`must be true or false, got ${JSON.stringify(ghost)}`, `${path}.ghost`);
  }
  return { name, type: normalised, ghost: ghost === true || (typeof ghost === 'string' && ghost.toLowerCase() === 'true'), props };
}

/** Table_Names / Options / Primary_Keys: an object, or the legacy array of objects (merged); values as text. */
function parseKeyValues(raw: unknown, path: string): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  const parts = Array.isArray(raw) ? raw : [raw];
  const out: Record<string, string> = {};
  parts.forEach((part, i) => {
    if (!isObject(part)) throw new ModelError('must be an object', Array.isArray(raw) ? `${path}[${i}]` : path);
    for (const [k, v] of Object.entries(part)) {
      if (v === null || v === undefined) continue;
      out[k] = typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  });
  return out;
}

function checkTableNames(tableNames: Record<string, string>): string[] {
  return Object.keys(tableNames)
    .filter((k) => !TABLE_NAME_KEYS.includes(k))
    .map((k) => `Table_Names.${k}: unknown key, ignored${didYouMean(k, TABLE_NAME_KEYS)}`);
}

function checkOptions(options: Record<string, string>, specs: FieldSpec[]): string[] {
  const warnings: string[] = [];
  const columns = new Set(specs.map((s) => s.name));
  for (const [key, value] of Object.entries(options)) {
    const kind = OPTION_KINDS[key];
    if (!kind) {
      warnings.push(`Options.${key}: unknown key, ignored${didYouMean(key, OPTION_KEYS)}`);
      continue;
    }
    const problem = optionValueProblem(kind, value);
    if (problem) throw new ModelError(problem, `Options.${key}`);
    if (kind === 'columns') {
      for (const col of value.split(',').map((c) => c.trim()).filter(Boolean)) {
        if (!columns.has(col)) warnings.push(`Options.${key}: "${col}" is not a field of the model${didYouMean(col, [...columns])}`);
      }
    }
  }
  return warnings;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
