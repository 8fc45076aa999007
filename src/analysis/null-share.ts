/**
 * A column's nulls as the model's null_rate (src/model/faults/): the share of its values that were null, absent or
 * empty text (a CSV file cannot tell an empty text from a null, so the analysis counts both as nulls and writes no
 * empty_rate). Rounded to 4 decimals: a rate, not a record of the sample.
 */
import type { ColumnProfile } from './column-profile.js';
import type { FieldJson } from './infer-field.js';

export function withNullRate(field: FieldJson, p: ColumnProfile): FieldJson {
  if (p.count === 0 || p.nulls === 0) return field;
  return { ...field, null_rate: Math.round((p.nulls / p.count) * 10_000) / 10_000 };
}
