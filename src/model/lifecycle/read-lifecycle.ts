/** Reads a model's "Lifecycle" section (pure), refusing what cannot work with a path like `Lifecycle.changes.balance.drift`. */
import { ModelError } from '../../errors.js';
import { didYouMean } from '../suggest.js';
import type { FieldDefinition, FieldType } from '../types.js';
import { LIFECYCLE_OUTPUTS, LIFECYCLE_TIMES, MAX_ENTITIES, type FieldChange, type LifecycleSpec } from './lifecycle-spec.js';

const KEYS = ['key', 'entities', 'update_probability', 'delete_probability', 'changes', 'step_ms', 'time', 'output', 'steps', 'tombstones'];
export const KEY_TYPES: readonly FieldType[] = ['INTEGER', 'LONG', 'INCREMENT_INTEGER', 'INCREMENT_LONG', 'STRING', 'UUID'];
const DRIFT_TYPES: readonly FieldType[] = ['INTEGER', 'LONG', 'FLOAT'];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function number(raw: Record<string, unknown>, key: string, fallback: number, min: number, max: number, integer = false): number {
  const v = raw[key] ?? fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new ModelError(`must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`, `Lifecycle.${key}`);
  }
  return n;
}

function oneOf<T extends string>(raw: Record<string, unknown>, key: string, values: readonly T[]): T {
  const v = raw[key] ?? values[0];
  if (typeof v !== 'string' || !values.includes(v.trim().toLowerCase() as T)) {
    throw new ModelError(`must be one of ${values.join(', ')}, got ${JSON.stringify(v)}`, `Lifecycle.${key}`);
  }
  return v.trim().toLowerCase() as T;
}

function flag(raw: Record<string, unknown>, key: string): boolean {
  const v = raw[key] ?? false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  throw new ModelError(`must be true or false, got ${JSON.stringify(v)}`, `Lifecycle.${key}`);
}

function outputField(fields: FieldDefinition[], name: unknown, path: string): FieldDefinition {
  const visible = fields.filter((f) => !f.ghost).map((f) => f.name);
  const field = fields.find((f) => f.name === name && !f.ghost);
  if (typeof name !== 'string' || !field) throw new ModelError(`${JSON.stringify(name)} is not an output field of the model${typeof name === 'string' ? didYouMean(name, visible) : ''}`, path);
  return field;
}

/** `changes`: field name → "regenerate" or {drift?, probability?}; an array of names is every one regenerated. */
function readChanges(raw: unknown, fields: FieldDefinition[], key: string): FieldChange[] {
  if (raw === undefined) return [];
  const entries: [string, unknown][] = Array.isArray(raw) ? raw.map((name) => [String(name), 'regenerate']) : isObject(raw) ? Object.entries(raw) : [];
  if (!Array.isArray(raw) && !isObject(raw)) throw new ModelError('must be an object of field name → "regenerate" or {"drift": n, "probability": p}', 'Lifecycle.changes');
  return entries.map(([name, how]) => {
    const path = `Lifecycle.changes.${name}`;
    const field = outputField(fields, name, path);
    if (name === key) throw new ModelError('the key field never changes', path);
    if (how === 'regenerate') return { field: name, probability: 1 };
    if (!isObject(how)) throw new ModelError(`must be "regenerate" or {"drift": n, "probability": p}, got ${JSON.stringify(how)}`, path);
    const unknown = Object.keys(how).find((k) => k !== 'drift' && k !== 'probability');
    if (unknown) throw new ModelError(`unknown property "${unknown}"; a change has drift and probability`, `${path}.${unknown}`);
    const probability = number(how, 'probability', 1, 0, 1);
    if (how.drift === undefined) return { field: name, probability };
    if (!DRIFT_TYPES.includes(field.type)) throw new ModelError(`drift is for ${DRIFT_TYPES.join(', ')} fields; "${name}" is ${field.type}`, `${path}.drift`);
    const drift = how.drift;
    if (typeof drift !== 'number' || !Number.isFinite(drift) || drift <= 0) throw new ModelError(`must be a positive number, got ${JSON.stringify(drift)}`, `${path}.drift`);
    return { field: name, probability, drift };
  });
}

export function readLifecycle(raw: unknown, fields: FieldDefinition[]): LifecycleSpec {
  if (!isObject(raw)) throw new ModelError('must be an object (key, entities, update_probability, ...)', 'Lifecycle');
  const unknown = Object.keys(raw).find((k) => !KEYS.includes(k));
  if (unknown) throw new ModelError(`unknown key${didYouMean(unknown, KEYS)}; keys: ${KEYS.join(', ')}`, `Lifecycle.${unknown}`);
  const keyField = outputField(fields, raw.key, 'Lifecycle.key');
  const updateProbability = number(raw, 'update_probability', 0.1, 0, 1);
  if (updateProbability === 0) throw new ModelError('must be above 0 (a step touches at least one entity)', 'Lifecycle.update_probability');
  if (!KEY_TYPES.includes(keyField.type)) throw new ModelError(`the key field must be of type ${KEY_TYPES.join(', ')}; "${keyField.name}" is ${keyField.type}`, 'Lifecycle.key');
  return {
    key: keyField.name,
    entities: number(raw, 'entities', 1000, 1, MAX_ENTITIES, true),
    updateProbability,
    deleteProbability: number(raw, 'delete_probability', 0, 0, 1),
    changes: readChanges(raw.changes, fields, keyField.name),
    stepMs: number(raw, 'step_ms', 1000, 0, 2 ** 31, true),
    time: oneOf(raw, 'time', LIFECYCLE_TIMES),
    output: oneOf(raw, 'output', LIFECYCLE_OUTPUTS),
    steps: number(raw, 'steps', 10, 0, 2 ** 31, true),
    tombstones: flag(raw, 'tombstones'),
  };
}
