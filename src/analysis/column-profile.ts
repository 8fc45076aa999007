/**
 * A column's profile, accumulated one value at a time in bounded memory: counts per kind, ranges, text lengths,
 * a capped map of distinct values (exact weights while the column has few), and a reservoir sample of texts that
 * the recognisers read at the end. Pure: the reservoir's random draws come from a fixed-seed PRNG, so one input
 * always gives one profile.
 */
import { sfc32, type Prng } from '../model/prng.js';
import { classify, type ValueKind } from './value-kind.js';

/** Distinct values kept with their counts; past this the column is not low-cardinality and the map stops growing. */
export const MAX_DISTINCT = 1000;
/** Texts kept for the recognisers (names, cities, e-mails, shapes). */
export const SAMPLE_SIZE = 1000;

export interface Range {
  min: number;
  max: number;
}

export interface ColumnProfile {
  name: string;
  /** Values seen, nulls included. */
  count: number;
  nulls: number;
  kinds: Record<ValueKind, number>;
  /** Integers (exact) and every number (integers and floats). */
  integers?: { min: bigint; max: bigint };
  numbers?: Range;
  /** Epoch ms of instants; whether every one fell on midnight UTC (a date column read as instants). */
  instants?: Range & { midnight: boolean };
  /** Epoch days of day values. */
  days?: Range;
  /** Lengths of the values' texts (bytes: their byte lengths). */
  lengths?: Range & { total: number };
  /** Value text → count; `overflow` once more than MAX_DISTINCT distinct values were seen. */
  distinct: Map<string, number>;
  overflow: boolean;
  /** A uniform sample of the non-null values' texts. */
  sample: string[];
  /** The column's type as the source declared it (a Parquet, Avro or database type), when it did. */
  declared?: string;
}

export function emptyProfile(name: string, declared?: string): ColumnProfile {
  const kinds = { boolean: 0, integer: 0, float: 0, instant: 0, day: 0, bytes: 0, text: 0 };
  return { name, count: 0, nulls: 0, kinds, distinct: new Map(), overflow: false, sample: [], ...(declared ? { declared } : {}) };
}

const widen = (r: Range | undefined, v: number): Range => (r ? { min: Math.min(r.min, v), max: Math.max(r.max, v) } : { min: v, max: v });

/** Adds one value to `p` (in place); `rng` draws the reservoir's replacements. */
export function addValue(p: ColumnProfile, value: unknown, rng: Prng): void {
  p.count++;
  const c = classify(value);
  if (!c) {
    p.nulls++;
    return;
  }
  p.kinds[c.kind]++;
  if (c.kind === 'integer') {
    const big = c.big!;
    p.integers = p.integers ? { min: big < p.integers.min ? big : p.integers.min, max: big > p.integers.max ? big : p.integers.max } : { min: big, max: big };
  }
  if (c.kind === 'integer' || c.kind === 'float') p.numbers = widen(p.numbers, c.number!);
  if (c.kind === 'instant') {
    const midnight = (p.instants?.midnight ?? true) && c.number! % 86_400_000 === 0;
    p.instants = { ...widen(p.instants, c.number!), midnight };
  }
  if (c.kind === 'day') p.days = widen(p.days, c.number!);
  const length = c.kind === 'bytes' ? c.number! : c.text.length;
  p.lengths = { ...widen(p.lengths, length), total: (p.lengths?.total ?? 0) + length };
  countDistinct(p, c.text);
  sampleText(p, c.text, rng);
}

function countDistinct(p: ColumnProfile, text: string): void {
  const n = p.distinct.get(text);
  if (n !== undefined) p.distinct.set(text, n + 1);
  else if (p.distinct.size < MAX_DISTINCT) p.distinct.set(text, 1);
  else p.overflow = true;
}

/** Reservoir sampling (algorithm R) over the non-null values. */
function sampleText(p: ColumnProfile, text: string, rng: Prng): void {
  const seen = p.count - p.nulls;
  if (p.sample.length < SAMPLE_SIZE) p.sample.push(text);
  else {
    const j = Math.floor(rng.next() * seen);
    if (j < SAMPLE_SIZE) p.sample[j] = text;
  }
}

/** The reservoir's PRNG: fixed seed, so a profile depends on its input only. */
export function profilePrng(): Prng {
  return sfc32(0x9e3779b9, 0x243f6a88, 0xb7e15162, 0x2545f491);
}

/** The non-null values a profile saw. */
export function nonNull(p: ColumnProfile): number {
  return p.count - p.nulls;
}
