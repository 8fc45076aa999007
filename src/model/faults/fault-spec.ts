/**
 * Reads and validates the faults a model asks for (pure): per field null_rate, empty_rate, malformed_rate with its
 * `malformed` kinds, late_rate with `late_by`; per model the Options DUPLICATE_RATE, NEAR_DUPLICATE_RATE and
 * NEAR_DUPLICATE_FIELDS. Errors name the property, like the rest of the model's.
 */
import { ModelError } from '../../errors.js';
import type { FieldSpec } from '../field-spec.js';
import type { FieldDefinition, ModelDefinition } from '../types.js';
import { FAULT_OPTIONS, FAULT_PROPERTIES } from './fault-properties.js';
import { acceptsEmpty, acceptsLate, fittingKinds, MALFORMED_KINDS, valueKind, type MalformedKind, type ValueKind } from './value-kinds.js';


/** How late a late event is: ms drawn from an exponential (mean), a uniform [min, max] or a fixed delay. */
export type LateBy = { distribution: 'exponential'; meanMs: number } | { distribution: 'uniform'; minMs: number; maxMs: number } | { distribution: 'fixed'; ms: number };

export interface FieldFaults {
  name: string;
  /** The field's index in the model (its cells' stream). */
  index: number;
  kind: ValueKind;
  spec: FieldSpec;
  nullRate: number;
  emptyRate: number;
  malformedRate: number;
  /** The kinds asked for (default: every kind that fits the field). */
  malformed: readonly MalformedKind[];
  lateRate: number;
  lateBy: LateBy;
}

export interface ModelFaults {
  fields: FieldFaults[];
  duplicateRate: number;
  nearDuplicateRate: number;
  /** Output columns a near duplicate may differ in (one of them per near duplicate), and their value kinds. */
  nearFields: string[];
  nearKinds: ValueKind[];
}

const DEFAULT_MEAN_MS = 60_000;
const DEFAULT_LATE_BY: LateBy = { distribution: 'exponential', meanMs: DEFAULT_MEAN_MS };

function readRate(raw: unknown, path: string): number {
  if (raw === undefined || raw === null) return 0;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new ModelError(`must be a rate between 0 and 1, got ${JSON.stringify(raw)}`, path);
  return n;
}

function readMs(raw: unknown, path: string): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isFinite(n) || n < 0) throw new ModelError(`must be a number of milliseconds ≥ 0, got ${JSON.stringify(raw)}`, path);
  return n;
}

function readLateBy(raw: unknown, path: string): LateBy {
  if (raw === undefined || raw === null) return DEFAULT_LATE_BY;
  if (typeof raw === 'number' || typeof raw === 'string') return { distribution: 'exponential', meanMs: readMs(raw, path) };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new ModelError('must be a mean delay in ms or an object such as {"distribution": "uniform", "min_ms": 0, "max_ms": 60000}', path);
  const o = raw as Record<string, unknown>;
  const distribution = String(o.distribution ?? 'exponential').toLowerCase();
  if (distribution === 'exponential') return { distribution, meanMs: readMs(o.mean_ms ?? DEFAULT_MEAN_MS, `${path}.mean_ms`) };
  if (distribution === 'fixed') return { distribution, ms: readMs(o.ms, `${path}.ms`) };
  if (distribution === 'uniform') {
    const minMs = readMs(o.min_ms ?? 0, `${path}.min_ms`);
    const maxMs = readMs(o.max_ms, `${path}.max_ms`);
    if (minMs > maxMs) throw new ModelError(`min_ms (${minMs}) is greater than max_ms (${maxMs})`, `${path}.min_ms`);
    return { distribution, minMs, maxMs };
  }
  throw new ModelError(`must be one of exponential, uniform, fixed, got ${JSON.stringify(o.distribution)}`, `${path}.distribution`);
}

function readKinds(raw: unknown, kind: ValueKind, path: string): readonly MalformedKind[] {
  const fitting = fittingKinds(kind, false);
  if (raw === undefined || raw === null) return fitting;
  const list = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()) : raw;
  if (!Array.isArray(list) || list.length === 0) throw new ModelError(`must be a list of malformed kinds (${MALFORMED_KINDS.join(', ')})`, path);
  return list.map((k, i) => {
    const name = typeof k === 'string' ? k.trim().toLowerCase() : '';
    if (!(MALFORMED_KINDS as readonly string[]).includes(name)) throw new ModelError(`must be one of ${MALFORMED_KINDS.join(', ')}, got ${JSON.stringify(k)}`, `${path}[${i}]`);
    if (!fitting.includes(name as MalformedKind)) throw new ModelError(`${name} does not apply to this field's values (these do: ${fitting.join(', ')})`, `${path}[${i}]`);
    return name as MalformedKind;
  });
}

/** The faults of one field, or undefined when it asks for none. */
function readFieldFaults(field: FieldDefinition, spec: FieldSpec): FieldFaults | undefined {
  const p = field.props;
  if (!FAULT_PROPERTIES.some((k) => p[k] !== undefined && p[k] !== null)) return undefined;
  const path = spec.path;
  if (field.ghost || spec.llm) throw new ModelError(`faults apply to output values; field "${field.name}" is ${field.ghost ? 'a ghost field' : 'an LLM field'}`, `${path}.${FAULT_PROPERTIES.find((k) => p[k] !== undefined)}`);
  const kind = valueKind(field.type);
  const faults: FieldFaults = {
    name: field.name, index: spec.index, kind, spec,
    nullRate: readRate(p.null_rate, `${path}.null_rate`),
    emptyRate: readRate(p.empty_rate, `${path}.empty_rate`),
    malformedRate: readRate(p.malformed_rate, `${path}.malformed_rate`),
    malformed: readKinds(p.malformed, kind, `${path}.malformed`),
    lateRate: readRate(p.late_rate, `${path}.late_rate`),
    lateBy: readLateBy(p.late_by, `${path}.late_by`),
  };
  if (faults.emptyRate > 0 && !acceptsEmpty(field.type)) throw new ModelError(`applies to text fields; ${field.type} values have no empty form (use null_rate)`, `${path}.empty_rate`);
  if ((faults.lateRate > 0 || p.late_by !== undefined) && !acceptsLate(field.type)) throw new ModelError(`applies to TIMESTAMP and DATE fields, not ${field.type}`, `${path}.${faults.lateRate > 0 ? 'late_rate' : 'late_by'}`);
  if (faults.nullRate + faults.emptyRate + faults.malformedRate > 1) throw new ModelError('null_rate + empty_rate + malformed_rate is more than 1', `${path}.null_rate`);
  return faults;
}

function readNearFields(raw: string | undefined, outputs: string[]): string[] {
  if (raw === undefined) return outputs;
  const names = raw.split(',').map((c) => c.trim()).filter(Boolean);
  names.forEach((n) => {
    if (!outputs.includes(n)) throw new ModelError(`"${n}" is not an output field of the model`, 'Options.NEAR_DUPLICATE_FIELDS');
  });
  if (!names.length) throw new ModelError('names no field', 'Options.NEAR_DUPLICATE_FIELDS');
  return names;
}

/** The model's faults, or undefined when it asks for none (its generation is then exactly as without this). */
export function readModelFaults(model: ModelDefinition, specs: FieldSpec[]): ModelFaults | undefined {
  const fields = model.fields.flatMap((f, i) => readFieldFaults(f, specs[i]!) ?? []);
  const duplicateRate = readRate(model.options.DUPLICATE_RATE, 'Options.DUPLICATE_RATE');
  const nearDuplicateRate = readRate(model.options.NEAR_DUPLICATE_RATE, 'Options.NEAR_DUPLICATE_RATE');
  if (duplicateRate + nearDuplicateRate > 1) throw new ModelError('DUPLICATE_RATE + NEAR_DUPLICATE_RATE is more than 1', 'Options.DUPLICATE_RATE');
  const nearFields = readNearFields(model.options.NEAR_DUPLICATE_FIELDS, specs.filter((s) => !s.ghost).map((s) => s.name));
  if (!fields.length && duplicateRate === 0 && nearDuplicateRate === 0) return undefined;
  const kindOf = new Map(specs.map((s) => [s.name, valueKind(s.type)]));
  return { fields, duplicateRate, nearDuplicateRate, nearFields, nearKinds: nearFields.map((n) => kindOf.get(n)!) };
}

/** The model as it would be without its faults: its clean rows (the rows' other values are the same). */
export function withoutFaults(model: ModelDefinition): ModelDefinition {
  const strip = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).filter(([k]) => !FAULT_PROPERTIES.includes(k)));
  const options = Object.fromEntries(Object.entries(model.options).filter(([k]) => !FAULT_OPTIONS.includes(k)));
  return { ...model, fields: model.fields.map((f) => ({ ...f, props: strip(f.props) })), options };
}
