/** Parses and validates a model in the Datagen JSON format (pure). */
import { ModelError } from '../errors.js';
import { FIELD_TYPES, type FieldDefinition, type FieldType, type ModelDefinition } from './types.js';

const LEGACY_TYPES: Record<string, FieldType> = { STRINGAZ: 'STRING_AZ', HASHMD5: 'HASH_MD5', OPENAI: 'OPEN_AI' };

export function parseModelText(text: string, source = 'model'): ModelDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ModelError(`${source} is not valid JSON (${(e as Error).message})`);
  }
  return parseModel(json);
}

export function parseModel(json: unknown): ModelDefinition {
  if (!isObject(json)) throw new ModelError('a model must be a JSON object');
  const fieldsRaw = json.Fields;
  if (!Array.isArray(fieldsRaw) || fieldsRaw.length === 0) throw new ModelError('must be a non-empty array', 'Fields');
  const fields = fieldsRaw.map((f, i) => parseField(f, `Fields[${i}]`));
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.name)) throw new ModelError(`duplicate field name "${f.name}"`, `Fields[${i}].name`);
    seen.add(f.name);
  });
  const name = typeof json.model_name === 'string' && json.model_name.trim() ? json.model_name.trim() : `__UNNAMED-${Date.now()}`;
  return {
    name,
    fields,
    tableNames: parseKeyValues(json.Table_Names, 'Table_Names'),
    options: parseKeyValues(json.Options, 'Options'),
    primaryKeys: parseKeyValues(json.Primary_Keys, 'Primary_Keys'),
  };
}

function parseField(raw: unknown, path: string): FieldDefinition {
  if (!isObject(raw)) throw new ModelError('must be an object', path);
  const { name, type, ghost, ...props } = raw;
  if (typeof name !== 'string' || !name) throw new ModelError('is required and must be a non-empty string', `${path}.name`);
  if (typeof type !== 'string') throw new ModelError(`is required (field "${name}")`, `${path}.type`);
  const upper = type.toUpperCase();
  const normalised = (LEGACY_TYPES[upper] ?? upper) as FieldType;
  if (!FIELD_TYPES.includes(normalised)) {
    throw new ModelError(`unknown type "${type}" for field "${name}"; valid types: ${FIELD_TYPES.join(', ')}`, `${path}.type`);
  }
  return { name, type: normalised, ghost: ghost === true || ghost === 'true', props };
}

/** Table_Names / Options / Primary_Keys: an object, or the legacy array of objects; values as text. */
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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
