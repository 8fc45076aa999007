/**
 * The size checks of submission (pure): a model, and the rows × batches asked of it, stay within the limits of
 * limits.ts. Each error names the field or parameter and the variable that sets the limit.
 */
import { BadRequestError, ModelError } from '../errors.js';
import { atMost, type Limits } from './limits.js';
import { readFieldSpec } from './field-spec.js';
import { chunkRowsOf } from './chunk-rows.js';
import { knownRowBytes } from './row-size.js';
import { stringRegexMaxLength } from './string-regex.js';
import type { FieldDefinition, ModelDefinition } from './types.js';

export function assertFieldCount(count: number, limits: Limits): void {
  if (count > limits.fields) throw new ModelError(`has ${count} fields; a model may have ${atMost(limits, 'fields')}`, 'Fields');
}

export function assertModelName(name: string, limits: Limits): void {
  if (name.length > limits.modelNameLength) {
    throw new ModelError(`is ${name.length} characters long; it must be ${atMost(limits, 'modelNameLength')}`, 'model_name');
  }
}

/** Field properties that size what one value generates: length, regex, possible values. */
export function assertFieldsWithinLimits(fields: FieldDefinition[], limits: Limits): void {
  assertFieldCount(fields.length, limits);
  fields.forEach((f, i) => assertFieldWithinLimits(f, `Fields[${i}]`, limits));
}

/** Everything above, for a model from any source (a stored model too). */
export function assertModelWithinLimits(model: ModelDefinition, limits: Limits): void {
  assertModelName(model.name, limits);
  assertFieldsWithinLimits(model.fields, limits);
}

function assertFieldWithinLimits(field: FieldDefinition, path: string, limits: Limits): void {
  const p = field.props;
  const length = typeof p.length === 'string' ? Number(p.length.trim()) : typeof p.length === 'number' ? p.length : NaN;
  if (length > limits.stringLength) {
    throw new ModelError(`${p.length} is too long for field "${field.name}": length must be ${atMost(limits, 'stringLength')}`, `${path}.length`);
  }
  if (field.type === 'STRING_REGEX' && typeof p.regex === 'string') {
    const max = regexMaxLength(p.regex);
    if (max > limits.regexLength) {
      throw new ModelError(`can generate ${max} characters per value for field "${field.name}"; a regex may generate ${atMost(limits, 'regexLength')}`, `${path}.regex`);
    }
  }
  for (const key of ['possible_values', 'possible_values_weighted'] as const) {
    const v = p[key];
    const count = Array.isArray(v) ? v.length : v && typeof v === 'object' ? Object.keys(v).length : 0;
    if (count > limits.possibleValues) {
      throw new ModelError(`has ${count} values for field "${field.name}"; a field may have ${atMost(limits, 'possibleValues')}`, `${path}.${key}`);
    }
  }
}

/** 0 for a regex that does not parse: field-spec.ts reports that one with its own message. */
function regexMaxLength(regex: string): number {
  try {
    return stringRegexMaxLength(regex);
  } catch {
    return 0;
  }
}

/** rows, batches, their product, and the memory the rows a generator holds at once need. */
export function assertRequestWithinLimits(request: { rows: number; batches: number }, model: ModelDefinition, limits: Limits): void {
  const { rows, batches } = request;
  if (rows > limits.rows) throw limitError('rows', rows, `must be ${atMost(limits, 'rows')} rows per batch; use more batches`);
  if (batches > limits.batches) throw limitError('batches', batches, `must be ${atMost(limits, 'batches')}; use more rows per batch`);
  if (rows * batches > limits.totalRows) {
    throw limitError('batches', batches, `rows × batches = ${rows * batches} rows; a command may generate ${atMost(limits, 'totalRows')}`);
  }
  // A batch streams a chunk at a time: what is held at once is one chunk, whatever the batch's size.
  const specs = model.fields.map(readFieldSpec);
  const size = knownRowBytes(specs);
  const held = Math.min(rows, chunkRowsOf(specs));
  if (held * size.bytes > limits.batchBytes) {
    const widest = size.widest ? ` (${size.widest.path} "${size.widest.name}" alone up to ${size.widest.bytes} bytes per row)` : '';
    throw limitError('rows', rows, `${held} rows of model "${model.name}", the most a generator holds at once, hold at least ${held * size.bytes} bytes${widest}; the rows held at once may hold ${atMost(limits, 'batchBytes')} bytes`);
  }
}

function limitError(parameter: string, value: number, problem: string): BadRequestError {
  return new BadRequestError(`parameter ${parameter} (${value}): ${problem}`, { parameter, value: String(value) });
}
