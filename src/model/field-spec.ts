/**
 * Reads and validates one field's properties into a typed spec (pure). Both parse (to reject a model early,
 * with a path like `Fields[3].min`) and compile (to build the generator) use it.
 */
import { ModelError } from '../errors.js';
import { parseCondition, ConditionSyntaxError, type Condition } from './conditions.js';
import { parseDay, parseInstant } from './dates.js';
import { compileDatePattern } from './date-format.js';
import { knownCountryNames, resolveCountry } from './dictionaries/countries.js';
import { NAME_SCRIPTS, type NameScript } from './dictionaries/romanise.js';
import { compileStringRegex } from './string-regex.js';
import { FAULT_PROPERTIES } from './faults/fault-properties.js';
import { didYouMean } from './suggest.js';
import { isLlmType, readLlmSpec, type LlmSpec } from './llm-spec.js';
import { readReference, type ReferenceSpec } from './relations/reference-spec.js';
import type { FieldDefinition, FieldType } from './types.js';

/** How a computed field gets its value: the lines of `conditionals` (or one shorthand) tried in order. */
export type ComputedLine =
  | { kind: 'condition'; line: string; condition: Condition; result: string }
  | { kind: 'formula'; source: string }
  | { kind: 'injection'; template: string }
  | { kind: 'link'; field: string; attribute: string };

export interface FieldSpec {
  index: number;
  path: string;
  name: string;
  type: FieldType;
  ghost: boolean;
  length: number;
  /** Numeric bounds as written (validated numbers); type defaults are applied by the generators. */
  min?: number;
  max?: number;
  minBig?: bigint;
  maxBig?: bigint;
  /** Day numbers (BIRTHDATE) or epoch ms (DATE, DATE_AS_STRING). */
  minDate?: number;
  maxDate?: number;
  /** Value text → weight; undefined when the field has no possible values. */
  possible?: Array<{ text: string; weight: number }>;
  /** ISO country codes for NAME, CITY, PHONE, EMAIL. */
  countries?: string[];
  /** NAME, EMAIL: `script: "native"` keeps names in their locale's script (default: romanised, dictionaries/romanise.ts). */
  script?: NameScript;
  /** `col=value` filters of a CSV field. */
  csvFilters?: Array<{ column: string; value: string }>;
  computed?: ComputedLine[];
  pattern?: string;
  useNow: boolean;
  regex?: string;
  file?: string;
  separator: string;
  csvField?: string;
  /** An LLM field's call; its `computed` injection fills the prompt from the row (src/llm/ asks the model). */
  llm?: LlmSpec;
  /** A foreign key: its values are the keys of another model's rows (src/model/relations/). */
  references?: ReferenceSpec;
}

export const KNOWN_PROPERTIES = [
  'name', 'type', 'length', 'min', 'max', 'min_date', 'max_date', 'possible_values', 'possible_values_weighted', 'filters',
  'conditionals', 'formula', 'injection', 'link', 'ghost', 'file', 'separator', 'field', 'pattern', 'use_now', 'regex',
  'request', 'context', 'url', 'user', 'password', 'model_type', 'temperature', 'frequency_penalty', 'presence_penalty',
  'max_tokens', 'top_p', 'script', 'pool_size', 'threads', 'references',
];

export const LLM_TYPES: readonly FieldType[] = ['OLLAMA', 'OPEN_AI', 'BEDROCK', 'LOCAL_LLM'];
const COUNTRY_FILTERED: readonly FieldType[] = ['NAME', 'CITY', 'PHONE', 'EMAIL'];
const DAY_TYPES: readonly FieldType[] = ['BIRTHDATE'];
const INSTANT_TYPES: readonly FieldType[] = ['DATE', 'DATE_AS_STRING'];
const SPECIAL_LINES = ['formula', 'injection', 'link'];

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
}

function readBool(raw: unknown, path: string): boolean {
  if (raw === undefined || raw === null) return false;
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string' && /^(true|false)$/i.test(raw.trim())) return raw.trim().toLowerCase() === 'true';
  throw new ModelError(`must be true or false, got ${JSON.stringify(raw)}`, path);
}

function readInteger(raw: unknown, path: string): { n: number; big: bigint } | undefined {
  if (raw === undefined || raw === null) return undefined;
  const t = text(raw)?.trim();
  if (t === undefined || !/^[-+]?\d+(\.0*)?$/.test(t)) return undefined;
  const big = BigInt(t.replace(/\.0*$/, '').replace('+', ''));
  if (big > 9223372036854775807n || big < -9223372036854775808n) throw new ModelError(`${t} is outside the 64-bit range`, path);
  return { n: Number(big), big };
}

function readNumber(raw: unknown, path: string, what: string): number | undefined {
  if (raw === undefined || raw === null) return undefined;
  const t = text(raw)?.trim();
  const n = t === undefined || t === '' ? NaN : Number(t);
  if (!Number.isFinite(n)) throw new ModelError(`must be ${what}, got ${JSON.stringify(raw)}`, path);
  return n;
}

function readPossible(p: Record<string, unknown>, path: string): FieldSpec['possible'] {
  const out = new Map<string, number>();
  if (p.possible_values !== undefined && p.possible_values !== null) {
    if (!Array.isArray(p.possible_values)) throw new ModelError('must be an array of values', `${path}.possible_values`);
    p.possible_values.forEach((v, i) => {
      const t = text(v);
      if (t === undefined) throw new ModelError(`must be a string, number or boolean, got ${JSON.stringify(v)}`, `${path}.possible_values[${i}]`);
      out.set(t, (out.get(t) ?? 0) + 1);
    });
  }
  const w = p.possible_values_weighted;
  if (w !== undefined && w !== null) {
    if (typeof w !== 'object' || Array.isArray(w)) throw new ModelError('must be an object mapping each value to its weight', `${path}.possible_values_weighted`);
    for (const [k, v] of Object.entries(w)) {
      const weight = readNumber(v, `${path}.possible_values_weighted.${k}`, 'a number ≥ 0');
      if (weight === undefined || weight < 0) throw new ModelError(`weight must be a number ≥ 0, got ${JSON.stringify(v)}`, `${path}.possible_values_weighted.${k}`);
      out.set(k, (out.get(k) ?? 0) + weight);
    }
  }
  if (out.size === 0) {
    if (p.possible_values !== undefined || p.possible_values_weighted !== undefined) {
      throw new ModelError('gives no value to choose from', `${path}.${p.possible_values !== undefined ? 'possible_values' : 'possible_values_weighted'}`);
    }
    return undefined;
  }
  if ([...out.values()].every((x) => x === 0)) throw new ModelError('all weights are 0', `${path}.possible_values_weighted`);
  return [...out].map(([t, weight]) => ({ text: t, weight }));
}

function readCountries(raw: unknown, path: string): string[] {
  if (!Array.isArray(raw)) throw new ModelError('must be an array of country names, e.g. ["France", "USA"]', path);
  return raw.map((v, i) => {
    const code = typeof v === 'string' ? resolveCountry(v) : undefined;
    if (!code) throw new ModelError(`unknown country ${JSON.stringify(v)}${didYouMean(String(v), knownCountryNames())}`, `${path}[${i}]`);
    return code;
  });
}

function readCsvFilters(raw: unknown, path: string): FieldSpec['csvFilters'] {
  if (!Array.isArray(raw)) throw new ModelError('must be an array of "column=value" strings', path);
  return raw.map((v, i) => {
    const t = typeof v === 'string' ? v : '';
    const eq = t.indexOf('=');
    if (eq <= 0) throw new ModelError(`must read "column=value", got ${JSON.stringify(v)}`, `${path}[${i}]`);
    return { column: t.slice(0, eq).trim(), value: t.slice(eq + 1).trim() };
  });
}

function readLink(raw: unknown, path: string): ComputedLine {
  const t = text(raw)?.trim() ?? '';
  const m = /^\$([^.]+)\.(.+)$/.exec(t);
  if (!m) throw new ModelError(`must read "$field.attribute" (e.g. "$city.lat"), got ${JSON.stringify(raw)}`, path);
  return { kind: 'link', field: m[1], attribute: m[2] };
}

function special(kind: string, raw: unknown, path: string): ComputedLine {
  if (kind === 'link') return readLink(raw, path);
  const t = text(raw);
  if (t === undefined) throw new ModelError('must be a string', path);
  return kind === 'formula' ? { kind: 'formula', source: t } : { kind: 'injection', template: t };
}

function readComputed(p: Record<string, unknown>, path: string): ComputedLine[] | undefined {
  if (p.conditionals !== undefined && p.conditionals !== null) {
    const c = p.conditionals;
    if (typeof c !== 'object' || Array.isArray(c)) throw new ModelError('must be an object of "condition": "value" lines', `${path}.conditionals`);
    const entries = Object.entries(c);
    if (entries.length === 0) throw new ModelError('has no line', `${path}.conditionals`);
    return entries.map(([line, result]) => {
      const linePath = `${path}.conditionals[${JSON.stringify(line)}]`;
      const lower = line.trim().toLowerCase();
      if (SPECIAL_LINES.includes(lower)) return special(lower, result, linePath);
      const r = text(result);
      if (r === undefined) throw new ModelError(`the value must be a string, got ${JSON.stringify(result)}`, linePath);
      try {
        return { kind: 'condition', line, condition: parseCondition(line), result: r };
      } catch (e) {
        if (e instanceof ConditionSyntaxError) throw new ModelError(`invalid condition: ${e.message}`, linePath);
        throw e;
      }
    });
  }
  for (const kind of SPECIAL_LINES) if (p[kind] !== undefined && p[kind] !== null) return [special(kind, p[kind], `${path}.${kind}`)];
  return undefined;
}

function readDates(p: Record<string, unknown>, type: FieldType, path: string, spec: FieldSpec): void {
  const isDay = DAY_TYPES.includes(type);
  if (!isDay && !INSTANT_TYPES.includes(type)) return;
  const parse = isDay ? parseDay : parseInstant;
  const form = isDay ? 'a date like "1/1/1970" (d/M/yyyy) or "1970-01-01"' : 'an ISO instant like "2011-12-03T10:15:30Z"';
  // BIRTHDATE models in the wild (weather) put the dates in min/max; the original ignored them.
  const keys: Array<[string, 'minDate' | 'maxDate']> = [[p.min_date !== undefined ? 'min_date' : 'min', 'minDate'], [p.max_date !== undefined ? 'max_date' : 'max', 'maxDate']];
  for (const [key, slot] of keys) {
    const raw = p[key];
    if (raw === undefined || raw === null) continue;
    if (key.endsWith('_date') || isDay) {
      const v = typeof raw === 'string' ? parse(raw) : undefined;
      if (v === undefined) throw new ModelError(`must be ${form}, got ${JSON.stringify(raw)}`, `${path}.${key}`);
      spec[slot] = v;
    }
  }
  if (spec.minDate !== undefined && spec.maxDate !== undefined && spec.minDate > spec.maxDate) {
    throw new ModelError('min_date is after max_date', `${path}.min_date`);
  }
}

function readBounds(p: Record<string, unknown>, type: FieldType, path: string, spec: FieldSpec): void {
  if (DAY_TYPES.includes(type) || INSTANT_TYPES.includes(type)) return;
  for (const key of ['min', 'max'] as const) {
    if (p[key] === undefined || p[key] === null) continue;
    if (type === 'FLOAT' || type === 'TIMESTAMP') {
      spec[key] = readNumber(p[key], `${path}.${key}`, 'a number');
      continue;
    }
    const i = readInteger(p[key], `${path}.${key}`);
    if (!i) throw new ModelError(`must be an integer, got ${JSON.stringify(p[key])}`, `${path}.${key}`);
    spec[key] = i.n;
    spec[key === 'min' ? 'minBig' : 'maxBig'] = i.big;
  }
  if (type === 'INTEGER' || type === 'INCREMENT_INTEGER') {
    for (const key of ['min', 'max'] as const) {
      const v = spec[key];
      if (v !== undefined && (v < -2147483648 || v > 2147483647)) throw new ModelError(`${v} is outside the 32-bit integer range; use LONG`, `${path}.${key}`);
    }
  }
  const lo = spec.minBig ?? spec.min;
  const hi = spec.maxBig ?? spec.max;
  if (lo !== undefined && hi !== undefined && lo > hi && !type.startsWith('INCREMENT')) throw new ModelError(`min (${lo}) is greater than max (${hi})`, `${path}.min`);
}

/** Validates a field; throws ModelError naming the property and what is wrong. */
export function readFieldSpec(field: FieldDefinition, index: number): FieldSpec {
  const path = `Fields[${index}]`;
  const p = field.props;
  const type = field.type;
  const spec: FieldSpec = { index, path, name: field.name, type, ghost: field.ghost, length: 20, useNow: false, separator: ',' };
  if (isLlmType(type)) {
    // The prompt is an injection of the row's values; a static prompt is sent as written (the original gave "").
    spec.llm = readLlmSpec(p, type, field.name, path);
    spec.computed = [{ kind: 'injection', template: spec.llm.request }];
    return spec;
  }
  if (p.references !== undefined && p.references !== null) {
    // The parent's keys are the values: nothing else of the field applies.
    spec.references = readReference(p.references, `${path}.references`);
    return spec;
  }
  if (p.length !== undefined && p.length !== null) {
    const n = readNumber(p.length, `${path}.length`, 'an integer');
    if (!Number.isInteger(n)) throw new ModelError(`must be an integer, got ${JSON.stringify(p.length)}`, `${path}.length`);
    spec.length = n! < 1 ? 20 : n!;
  }
  readBounds(p, type, path, spec);
  readDates(p, type, path, spec);
  spec.possible = readPossible(p, path);
  if (p.filters !== undefined && p.filters !== null) {
    if (COUNTRY_FILTERED.includes(type)) spec.countries = readCountries(p.filters, `${path}.filters`);
    else if (type === 'CSV') spec.csvFilters = readCsvFilters(p.filters, `${path}.filters`);
  }
  if (p.script !== undefined && p.script !== null) spec.script = readScript(p.script, `${path}.script`);
  spec.computed = readComputed(p, path);
  spec.useNow = readBool(p.use_now, `${path}.use_now`);
  if (p.pattern !== undefined && p.pattern !== null) {
    if (typeof p.pattern !== 'string') throw new ModelError('must be a string', `${path}.pattern`);
    try {
      compileDatePattern(p.pattern);
    } catch (e) {
      throw new ModelError(`invalid date pattern: ${(e as Error).message}`, `${path}.pattern`);
    }
    spec.pattern = p.pattern;
  }
  if (type === 'STRING_REGEX' && !spec.computed && !spec.possible) {
    if (typeof p.regex !== 'string' || p.regex === '') throw new ModelError(`is required for STRING_REGEX field "${field.name}"`, `${path}.regex`);
    try {
      compileStringRegex(p.regex);
    } catch (e) {
      throw new ModelError((e as Error).message, `${path}.regex`);
    }
    spec.regex = p.regex;
  }
  if (type === 'CSV') {
    for (const key of ['file', 'field'] as const) {
      if (typeof p[key] !== 'string' || p[key] === '') throw new ModelError(`is required for CSV field "${field.name}"`, `${path}.${key}`);
    }
    spec.file = p.file as string;
    spec.csvField = p.field as string;
    if (p.separator !== undefined) {
      if (typeof p.separator !== 'string' || p.separator === '') throw new ModelError('must be a non-empty string', `${path}.separator`);
      spec.separator = p.separator;
    }
  }
  return spec;
}

function readScript(v: unknown, path: string): NameScript {
  const script = typeof v === 'string' ? (v.trim().toLowerCase() as NameScript) : undefined;
  if (!script || !NAME_SCRIPTS.includes(script)) throw new ModelError(`must be one of ${NAME_SCRIPTS.join(', ')}, got ${JSON.stringify(v)}`, path);
  return script;
}

/** Properties only some types read; elsewhere they are ignored, which usually means a mistake (the model catalog lists them). */
export const READERS: Record<string, readonly FieldType[]> = {
  length: ['STRING', 'STRING_AZ', 'BYTES', 'HASH_MD5'],
  min_date: ['BIRTHDATE', 'DATE', 'DATE_AS_STRING'],
  max_date: ['BIRTHDATE', 'DATE', 'DATE_AS_STRING'],
  filters: [...COUNTRY_FILTERED, 'CSV'],
  pattern: ['DATE_AS_STRING'],
  use_now: ['DATE', 'DATE_AS_STRING'],
  regex: ['STRING_REGEX'],
  file: ['CSV', 'LOCAL_LLM'],
  separator: ['CSV'],
  field: ['CSV'],
  script: ['NAME', 'EMAIL'],
  request: LLM_TYPES,
  context: LLM_TYPES,
  model_type: LLM_TYPES,
  pool_size: LLM_TYPES,
  threads: ['LOCAL_LLM'],
};

/** Warnings for properties no field type reads (typos such as "min_Date") or that this type ignores. */
export function unknownPropertyWarnings(field: FieldDefinition, index: number): string[] {
  return Object.keys(field.props).flatMap((k) => {
    // Fault properties are validated with the model's faults (faults/fault-spec.ts).
    if (FAULT_PROPERTIES.includes(k)) return [];
    if (!KNOWN_PROPERTIES.includes(k)) return [`Fields[${index}].${k}: unknown property of field "${field.name}", ignored${didYouMean(k, KNOWN_PROPERTIES)}`];
    const readers = READERS[k];
    if (readers && !readers.includes(field.type) && field.props[k] !== null) {
      return [`Fields[${index}].${k}: ignored by type ${field.type} (read by ${readers.join(', ')})`];
    }
    return [];
  });
}
