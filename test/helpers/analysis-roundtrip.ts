/**
 * The known model of the model-analysis round trips, its rows, and the comparisons of an inferred model (and of
 * what it generates) with it: types, ranges and value shares within a tolerance.
 */
import { randomUUID } from 'node:crypto';
import type { ExecutionContext } from 'ava';
import { buildModel, type ModelJson } from '../../src/analysis/build-model.js';
import type { FieldJson } from '../../src/analysis/infer-field.js';
import { profileRecords } from '../../src/analysis/profile-records.js';
import type { RecordSource } from '../../src/analysis/record-source.js';
import { compileModel } from '../../src/model/compile.js';
import { parseModel } from '../../src/model/parse.js';
import type { Row } from '../../src/model/types.js';
import { endpointPolicy } from '../../src/sinks/endpoints/policy.js';
import { sinkFor } from '../../src/sinks/registry.js';
import type { SinkSettings } from '../../src/sinks/types.js';
import { runSink } from './readback-sinks.js';
import { sinkCtx } from './services/fixtures.js';

export const KNOWN_MODEL = {
  model_name: 'customers',
  Fields: [
    { name: 'id', type: 'UUID' },
    { name: 'age', type: 'INTEGER', min: 18, max: 90 },
    { name: 'score', type: 'FLOAT', min: 0, max: 100 },
    { name: 'big', type: 'LONG', min: 10000000000, max: 20000000000 },
    { name: 'membership', type: 'STRING', possible_values_weighted: { GOLD: 10, SILVER: 30, BRONZE: 60 } },
    { name: 'active', type: 'BOOLEAN', possible_values_weighted: { true: 8, false: 2 } },
    { name: 'signup', type: 'DATE', min_date: '2020-01-01T00:00:00Z', max_date: '2023-12-31T23:59:59Z' },
    { name: 'birth', type: 'BIRTHDATE', min_date: '1950-01-01', max_date: '2005-12-31' },
    { name: 'first_name', type: 'NAME' },
    { name: 'city', type: 'CITY', filters: ['France'] },
    { name: 'country', type: 'COUNTRY', null_rate: 0.1 },
    { name: 'email', type: 'EMAIL' },
    { name: 'ip', type: 'IP' },
    { name: 'phone', type: 'PHONE', filters: ['France'] },
    { name: 'code', type: 'STRING_REGEX', regex: '[A-Z]{3}-[0-9]{4}' },
  ],
};

export const ROWS = 3000;

export async function generate(model: unknown, seed: number, rows = ROWS): Promise<Row[]> {
  const gen = await compileModel(parseModel(model), { dataDirs: [] });
  try {
    return gen.generate(seed, 0, rows);
  } finally {
    gen.dispose?.();
  }
}

export function rowsSource(name: string, rows: Row[]): RecordSource {
  return { name, open: async () => ({ records: (async function* () { yield* rows; })() }) };
}

/** The model inferred from `source`'s first `limit` records. */
export async function inferModel(source: RecordSource, limit = 10_000): Promise<ModelJson> {
  const { columns } = await profileRecords(source, limit);
  return buildModel(source.name, columns);
}

const field = (m: ModelJson, name: string): FieldJson => {
  const f = m.Fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name} in ${JSON.stringify(m.Fields.map((x) => x.name))}`);
  return f;
};

/** The share of each value of column `name` in `rows`. */
export function shares(rows: Row[], name: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[String(r[name])] = (out[String(r[name])] ?? 0) + 1 / rows.length;
  return out;
}

function weightShares(f: FieldJson): Record<string, number> {
  const w = f.possible_values_weighted as Record<string, number>;
  const total = Object.values(w).reduce((a, b) => a + b, 0);
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v / total]));
}

function near(t: ExecutionContext, actual: Record<string, number>, expected: Record<string, number>, tolerance: number, what: string): void {
  t.deepEqual(Object.keys(actual).sort(), Object.keys(expected).sort(), `${what}: the same values`);
  for (const [k, v] of Object.entries(expected)) t.true(Math.abs((actual[k] ?? 0) - v) <= tolerance, `${what}: share of ${k} is ${actual[k]}, expected ${v} ± ${tolerance}`);
}

/** Within `fraction` of the span inside [lo, hi]: the observed bounds of a uniform sample of thousands are near the edges. */
function nearBounds(t: ExecutionContext, f: FieldJson, lo: number, hi: number, read: (v: unknown) => number, what: string): void {
  const [min, max] = [read(f.min ?? f.min_date), read(f.max ?? f.max_date)];
  const slack = (hi - lo) * 0.01;
  t.true(min >= lo && min <= lo + slack, `${what}: min ${String(f.min ?? f.min_date)} within 1% above ${lo}`);
  t.true(max <= hi && max >= hi - slack, `${what}: max ${String(f.max ?? f.max_date)} within 1% below ${hi}`);
}

const day = (v: unknown) => Date.parse(`${String(v)}T00:00:00Z`);

/** The inferred model has the known model's types, ranges, weights, filters and regex, within tolerance. */
export function assertLikeKnown(t: ExecutionContext, m: ModelJson, what: string): void {
  const types = Object.fromEntries(m.Fields.map((f) => [f.name, f.type]));
  t.deepEqual(types, Object.fromEntries(KNOWN_MODEL.Fields.map((f) => [f.name, f.type])), `${what}: types`);
  nearBounds(t, field(m, 'age'), 18, 90, Number, `${what} age`);
  nearBounds(t, field(m, 'score'), 0, 100, Number, `${what} score`);
  nearBounds(t, field(m, 'big'), 1e10, 2e10, Number, `${what} big`);
  nearBounds(t, field(m, 'signup'), Date.parse('2020-01-01T00:00:00Z'), Date.parse('2023-12-31T23:59:59Z'), (v) => Date.parse(String(v)), `${what} signup`);
  nearBounds(t, field(m, 'birth'), day('1950-01-01'), day('2005-12-31'), day, `${what} birth`);
  near(t, weightShares(field(m, 'membership')), { GOLD: 0.1, SILVER: 0.3, BRONZE: 0.6 }, 0.03, `${what} membership`);
  near(t, weightShares(field(m, 'active')), { true: 0.8, false: 0.2 }, 0.03, `${what} active`);
  t.deepEqual(field(m, 'city').filters, ['France'], `${what}: city filters`);
  t.deepEqual(field(m, 'phone').filters, ['France'], `${what}: phone filters`);
  t.is(field(m, 'code').regex, '[A-Z]{3}-[0-9]{4}', `${what}: code regex`);
  const nullRate = Number(field(m, 'country').null_rate);
  t.true(Math.abs(nullRate - 0.1) <= 0.03, `${what}: country null_rate ${nullRate}, expected 0.1 ± 0.03`);
  t.deepEqual(m.Fields.filter((f) => f.null_rate !== undefined).map((f) => f.name), ['country'], `${what}: only country has nulls`);
}

/** What the inferred model generates is distributed as the known model's rows are. */
export function assertRegeneratedLike(t: ExecutionContext, original: Row[], regenerated: Row[], what: string): void {
  t.is(regenerated.length, original.length);
  near(t, shares(regenerated, 'membership'), shares(original, 'membership'), 0.04, `${what} regenerated membership`);
  near(t, shares(regenerated, 'active'), shares(original, 'active'), 0.04, `${what} regenerated active`);
  const nulls = (rows: Row[]) => rows.filter((r) => r.country === null).length / rows.length;
  t.true(Math.abs(nulls(regenerated) - nulls(original)) <= 0.03, `${what}: regenerated country nulls ${nulls(regenerated)} near ${nulls(original)}`);
  const mean = (rows: Row[], n: string) => rows.reduce((s, r) => s + Number(r[n]), 0) / rows.length;
  for (const [name, span] of [['age', 72], ['score', 100]] as const) {
    t.true(Math.abs(mean(regenerated, name) - mean(original, name)) <= span * 0.03, `${what}: mean of ${name} ${mean(regenerated, name)} near ${mean(original, name)}`);
  }
}

/** Sink settings standing for the service's configuration: the endpoints `properties` name are allowed. */
export function serviceSettings(properties: Record<string, string>): SinkSettings {
  return { dataDir: '/nonexistent', outputRoots: [], properties, endpoints: endpointPolicy(properties) };
}

export const uniqueName = (prefix: string): string => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

/** Rows of the known model (seed 42) written by sink `sink` to the table `tableNames` names; the rows. */
export async function writeKnown(sink: string, properties: Record<string, string>, tableNames: Record<string, string>, options: Record<string, string> = {}): Promise<Row[]> {
  const model = { ...parseModel(KNOWN_MODEL), tableNames, options };
  const rows = await generate(KNOWN_MODEL, 42);
  await runSink(sinkFor(sink), sinkCtx(model, properties, ROWS, 1, randomUUID()), [rows]);
  return rows;
}
