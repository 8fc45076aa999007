/**
 * A foreign-key field's `references` property (pure): which generation of which model it takes its values from,
 * and how children are spread over parents. docs/related-models.md describes the format.
 *
 *   "references": { "model": "customers", "field": "customer_id", "seed": 42, "rows": 1000, "batches": 1,
 *                   "children": { "min": 1, "max": 5 } }            each parent gets 1 to 5 children
 *   "children": { "weighted": { "0": 1, "2": 3 } }                   ... a count drawn by weight
 *   "pick": "uniform"                                                each child picks any parent
 *   "pick": {"zipf": 1}                                              ... parents of rank r (a seeded order) by 1/r^s
 */
import { ModelError } from '../../errors.js';

export type Cardinality =
  | { kind: 'children'; counts: Array<{ count: number; weight: number }> }
  /** `zipf`: the exponent s of a skewed pick (absent: uniform). */
  | { kind: 'pick'; zipf?: number };

export interface ReferenceSpec {
  /** The parent model's name: a stored model or a model file, resolved when the command is submitted. */
  model: string;
  /** The parent's key field. */
  field: string;
  /** The parent command's seed, rows per batch and batches: the parent rows are a pure function of them. */
  seed: number;
  rows: number;
  batches: number;
  cardinality: Cardinality;
}

/** A parent may have at most this many children each (a count table larger than this is a mistake). */
export const MAX_CHILDREN = 100_000;

const KEYS = ['model', 'field', 'seed', 'rows', 'batches', 'children', 'pick'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function wholeNumber(raw: unknown, path: string, min: number, max: number): number {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new ModelError(`must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`, path);
  return n;
}

function readChildren(raw: unknown, path: string): Cardinality {
  if (!isObject(raw)) throw new ModelError('must be {"min": a, "max": b} or {"weighted": {"count": weight, ...}}', path);
  if (raw.weighted !== undefined) {
    if (!isObject(raw.weighted) || Object.keys(raw.weighted).length === 0) throw new ModelError('must be an object mapping a child count to its weight, e.g. {"1": 3, "2": 1}', `${path}.weighted`);
    const counts = Object.entries(raw.weighted).map(([k, w]) => ({
      count: wholeNumber(k, `${path}.weighted.${k}`, 0, MAX_CHILDREN),
      weight: typeof w === 'number' && w >= 0 && Number.isFinite(w) ? w : Number.NaN,
    }));
    const bad = counts.find((c) => Number.isNaN(c.weight));
    if (bad) throw new ModelError(`weight must be a number ≥ 0, got ${JSON.stringify(raw.weighted[String(bad.count)])}`, `${path}.weighted.${bad.count}`);
    if (counts.every((c) => c.weight === 0)) throw new ModelError('all weights are 0', `${path}.weighted`);
    if (counts.every((c) => c.count === 0 || c.weight === 0)) throw new ModelError('gives every parent 0 children', `${path}.weighted`);
    return { kind: 'children', counts };
  }
  const min = wholeNumber(raw.min ?? 1, `${path}.min`, 0, MAX_CHILDREN);
  const max = wholeNumber(raw.max ?? min, `${path}.max`, 0, MAX_CHILDREN);
  if (min > max) throw new ModelError(`min (${min}) is greater than max (${max})`, `${path}.min`);
  if (max === 0) throw new ModelError('gives every parent 0 children', `${path}.max`);
  const counts = [];
  for (let c = min; c <= max; c++) counts.push({ count: c, weight: 1 });
  return { kind: 'children', counts };
}

/** The largest Zipf exponent: past it, the top parent takes all but a negligible share already. */
export const MAX_ZIPF = 10;

function readPick(raw: unknown, path: string): Cardinality {
  if (raw === undefined || raw === 'uniform') return { kind: 'pick' };
  if (!isObject(raw)) throw new ModelError(`must be "uniform" or {"zipf": s}, got ${JSON.stringify(raw)}`, path);
  for (const key of Object.keys(raw)) if (key !== 'zipf') throw new ModelError(`unknown property "${key}"; known: zipf`, `${path}.${key}`);
  const s = typeof raw.zipf === 'number' ? raw.zipf : typeof raw.zipf === 'string' && raw.zipf.trim() !== '' ? Number(raw.zipf) : NaN;
  if (!(s > 0 && s <= MAX_ZIPF)) throw new ModelError(`must be an exponent above 0 and at most ${MAX_ZIPF} (1 is the classic Zipf law), got ${JSON.stringify(raw.zipf)}`, `${path}.zipf`);
  return { kind: 'pick', zipf: s };
}

/** Validates a field's `references`; throws ModelError naming the property and what is wrong. */
export function readReference(raw: unknown, path: string): ReferenceSpec {
  if (!isObject(raw)) throw new ModelError('must be an object like {"model": "customers", "field": "customer_id", "seed": 42, "rows": 1000}', path);
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) throw new ModelError(`unknown property "${key}"; known: ${KEYS.join(', ')}`, `${path}.${key}`);
  for (const key of ['model', 'field'] as const) {
    if (typeof raw[key] !== 'string' || !(raw[key] as string).trim()) throw new ModelError('is required and must be a non-empty string', `${path}.${key}`);
  }
  if (raw.seed === undefined) throw new ModelError('is required: the seed the parent model is (or was) generated with', `${path}.seed`);
  const seed = wholeNumber(raw.seed, `${path}.seed`, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  if (raw.rows === undefined) throw new ModelError('is required: the parent command\'s rows per batch', `${path}.rows`);
  const rows = wholeNumber(raw.rows, `${path}.rows`, 1, Number.MAX_SAFE_INTEGER);
  const batches = wholeNumber(raw.batches ?? 1, `${path}.batches`, 1, Number.MAX_SAFE_INTEGER);
  if (!Number.isSafeInteger(rows * batches)) throw new ModelError('rows × batches is too large', `${path}.batches`);
  if (raw.children !== undefined && raw.pick !== undefined) throw new ModelError('give either children (each parent gets a number of children) or pick, not both', `${path}.pick`);
  const cardinality = raw.children !== undefined ? readChildren(raw.children, `${path}.children`) : readPick(raw.pick, `${path}.pick`);
  return { model: (raw.model as string).trim(), field: (raw.field as string).trim(), seed, rows, batches, cardinality };
}
