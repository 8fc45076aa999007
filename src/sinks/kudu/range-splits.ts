/**
 * Where a table with one KUDU_RANGE_KEYS column is split into range partitions, as the original did it: from the
 * column's possible values (one range per value: each value but the smallest starts one), or, for an integer
 * column, from its min/max (four ranges of equal width). Other columns, several range keys, or more values than a
 * table should have tablets for, give no split: one unbounded range.
 */
import type { FieldDefinition, Value } from '../../model/types.js';
import type { KuduColumn } from './schema.js';

/** Ranges at most; times the hash buckets, the table's tablets. */
export const MAX_RANGES = 64;
const MIN_MAX_RANGES = 4;

function possibleValues(field: FieldDefinition): unknown[] | undefined {
  const p = field.props;
  if (Array.isArray(p.possible_values)) return p.possible_values;
  const weighted = p.possible_values_weighted;
  if (weighted && typeof weighted === 'object' && !Array.isArray(weighted)) return Object.keys(weighted);
  return undefined;
}

const integral = (v: unknown): bigint | undefined => {
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? BigInt(n) : undefined;
};

/** The split values (one row of the range key each), in increasing order. */
export function rangeSplits(fields: FieldDefinition[], columns: KuduColumn[], rangeKeys: string[]): Value[] {
  if (rangeKeys.length !== 1) return [];
  const column = columns.find((c) => c.name === rangeKeys[0]);
  const field = fields.find((f) => f.name === rangeKeys[0]);
  if (!column || !field) return [];
  const values = possibleValues(field);
  if (values) {
    if (column.type === 'STRING') {
      const sorted = [...new Set(values.map(String))].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
      return sorted.length <= MAX_RANGES ? sorted.slice(1) : [];
    }
    if (column.type === 'INT32' || column.type === 'INT64') {
      const ints = values.map(integral);
      if (ints.some((v) => v === undefined)) return [];
      const sorted = [...new Set(ints as bigint[])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      if (sorted.length > MAX_RANGES) return [];
      return sorted.slice(1).map((v) => (column.type === 'INT32' ? Number(v) : v));
    }
    return [];
  }
  if (column.type !== 'INT32' && column.type !== 'INT64') return [];
  const [min, max] = [integral(field.props.min), integral(field.props.max)];
  if (min === undefined || max === undefined || max - min < BigInt(MIN_MAX_RANGES)) return [];
  const width = (max - min) / BigInt(MIN_MAX_RANGES);
  return Array.from({ length: MIN_MAX_RANGES - 1 }, (_, i) => min + width * BigInt(i + 1)).map((v) => (column.type === 'INT32' ? Number(v) : v));
}
