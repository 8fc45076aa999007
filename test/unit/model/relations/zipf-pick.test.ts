/**
 * The skewed pick (`pick: {"zipf": s}`, src/model/relations/zipf-pick.ts): the ranks follow 1/r^s within tolerance
 * over a large sample, the popular parents are spread over the parents, the picks are the same for any batch split,
 * shard layout or compile, and a wrong exponent is a 400-style error naming the property.
 */
import test from 'ava';
import { compileModel } from '../../../../src/model/compile.js';
import { parseModel } from '../../../../src/model/parse.js';
import { tablePrng } from '../../../../src/model/prng.js';
import { indexPermutation } from '../../../../src/model/relations/index-permutation.js';
import { withParents } from '../../../../src/model/relations/parents.js';
import { relationLabel } from '../../../../src/model/relations/foreign-key.js';
import { zipfRanks } from '../../../../src/model/relations/zipf.js';
import { zipfOrder } from '../../../../src/model/relations/zipf-pick.js';
import type { ModelDefinition, Row } from '../../../../src/model/types.js';

const SEED = 42;
const REF = 1_750_000_000_000;
const PARENTS = { rows: 25_000, batches: 4 };
const N = PARENTS.rows * PARENTS.batches;

/** Generalised harmonic number H(k, s) = Σ 1/r^s for r ≤ k. */
function harmonic(k: number, s: number): number {
  let h = 0;
  for (let r = k; r >= 1; r--) h += 1 / r ** s;
  return h;
}

const customers = parseModel({ model_name: 'customers', Fields: [{ name: 'customer_id', type: 'INCREMENT_INTEGER', min: 1 }, { name: 'name', type: 'NAME' }] });
const orders = (s: unknown, extra: object[] = []) => parseModel({
  model_name: 'orders',
  Fields: [
    { name: 'order_id', type: 'INCREMENT_LONG' },
    { name: 'customer_id', type: 'INTEGER', references: { model: 'customers', field: 'customer_id', seed: SEED, ...PARENTS, pick: { zipf: s } } },
    { name: 'amount', type: 'FLOAT', min: 1, max: 500 },
    ...extra,
  ],
});
const load = async () => customers;

async function generate(model: ModelDefinition, seed: number, rows: number, batches: number): Promise<Row[]> {
  const gen = await compileModel(await withParents(model, load));
  const out: Row[] = [];
  for (let b = 0; b < batches; b++) out.push(...gen.generate(seed, b, rows, { referenceTime: REF }));
  gen.dispose?.();
  return out;
}

test('the index permutation is a bijection of [0, n) for any n, and shuffles', (t) => {
  for (const n of [1, 2, 3, 5, 1000, 4097, 65_537]) {
    const p = indexPermutation(n, 7);
    const seen = new Uint8Array(n);
    for (let i = 0; i < n; i++) seen[p(i)]++;
    t.true(seen.every((c) => c === 1), `n = ${n}: every index once`);
  }
  const p = indexPermutation(1000, 7);
  let fixed = 0;
  for (let i = 0; i < 1000; i++) if (p(i) === i) fixed++;
  t.true(fixed < 10, `${fixed} fixed points of 1000`);
  t.notDeepEqual([0, 1, 2, 3, 4].map(indexPermutation(1000, 8)), [0, 1, 2, 3, 4].map(p), 'another key, another order');
});

for (const s of [0.5, 1, 2]) {
  test(`zipf ranks with s = ${s}: the top 1% and the first rank get their share of 1/r^s over 400,000 draws`, (t) => {
    const ranks = zipfRanks(N, s);
    const rng = tablePrng(`zipf-${s}`);
    const draws = 400_000;
    let top = 0;
    let first = 0;
    for (let i = 0; i < draws; i++) {
      const r = ranks.draw(rng);
      if (r < 1 || r > N || !Number.isInteger(r)) return t.fail(`rank ${r}`);
      if (r <= N / 100) top++;
      if (r === 1) first++;
    }
    const all = harmonic(N, s);
    // ±0.005 is over 6 standard deviations of a share near 0.5 over 400,000 draws.
    t.true(Math.abs(top / draws - harmonic(N / 100, s) / all) < 0.005, `top 1%: ${top / draws}, expected ${harmonic(N / 100, s) / all}`);
    t.true(Math.abs(first / draws - 1 / all) < 0.005, `rank 1: ${first / draws}, expected ${1 / all}`);
  });
}

test('pick zipf through a model: the top 1% of parents (in the seeded order) get their share, spread over the parents, every key resolves', async (t) => {
  const rows = await generate(orders(1), 7, 50_000, 4);
  const order = zipfOrder(N, 1, SEED, relationLabel({ references: { model: 'customers' } } as never));
  // The parent key of index p is p + 1 (INCREMENT_INTEGER from 1).
  const top = new Set(Array.from({ length: N / 100 }, (_, k) => order.parentAt(k + 1) + 1));
  let inTop = 0;
  for (const r of rows) {
    const c = r.customer_id as number;
    if (!(c >= 1 && c <= N)) return t.fail(`customer ${c} does not exist`);
    if (top.has(c)) inTop++;
  }
  const expected = harmonic(N / 100, 1) / harmonic(N, 1);
  t.true(Math.abs(inTop / rows.length - expected) < 0.01, `top 1%: ${inTop / rows.length} of the children, expected ${expected}`);
  const hottest = Array.from({ length: 10 }, (_, k) => order.parentAt(k + 1));
  t.true(Math.max(...hottest) - Math.min(...hottest) > N / 2, `the 10 most popular parents spread: ${hottest.join(', ')}`);
  const mean = [...top].reduce((a, b) => a + b, 0) / top.size;
  t.true(Math.abs(mean - N / 2) < N / 20, `the top 1% average index ${mean}, about the middle`);
});

test('pick zipf: the same picks for any batch split, shard layout and compile; another child seed picks others; the same parents popular for another field', async (t) => {
  const model = orders(1.2, [{ name: 'reviewer', type: 'INTEGER', references: { model: 'customers', field: 'customer_id', seed: SEED, ...PARENTS, pick: { zipf: 1.2 } } }]);
  const gen = await compileModel(await withParents(model, load));
  const whole = gen.generate(SEED, 3, 20_000, { referenceTime: REF });
  const parts: Row[] = [];
  for (const [firstRow, count] of [[0, 16_384], [16_384, 3_616]]) for (const chunk of gen.chunks(SEED, 3, 20_000, { firstRow, rows: count }, { referenceTime: REF })) parts.push(...chunk);
  t.deepEqual(parts.map((r) => r.customer_id), whole.map((r) => r.customer_id));
  const again = await compileModel(await withParents(model, load));
  t.deepEqual(again.generate(SEED, 3, 20_000, { referenceTime: REF }).map((r) => r.customer_id), whole.map((r) => r.customer_id));
  const other = gen.generate(SEED + 1, 3, 20_000, { referenceTime: REF });
  const same = other.filter((r, i) => r.customer_id === whole[i]!.customer_id).length;
  t.true(same < 2000, `${same} of 20,000 picks equal with another seed (the top parent alone takes some 10%)`);
  const hottest = (field: string) => {
    const n = new Map<unknown, number>();
    for (const r of whole) n.set(r[field], (n.get(r[field]) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1])[0]![0];
  };
  t.is(hottest('reviewer'), hottest('customer_id'), 'the most popular parent is the same for both fields');
  gen.dispose?.();
  again.dispose?.();
});

test('pick: a wrong zipf exponent or property is an error naming it', (t) => {
  const bad = (pick: unknown) => () => parseModel({ Fields: [{ name: 'x', type: 'INTEGER', references: { model: 'c', field: 'id', seed: 1, rows: 5, pick } }] });
  t.throws(bad({ zipf: 0 }), { message: /Fields\[0\]\.references\.pick\.zipf: must be an exponent above 0 and at most 10 .*got 0/ });
  t.throws(bad({ zipf: 'steep' }), { message: /Fields\[0\]\.references\.pick\.zipf: must be an exponent .*got "steep"/ });
  t.throws(bad({ zipf: 11 }), { message: /pick\.zipf: must be an exponent above 0 and at most 10/ });
  t.throws(bad({}), { message: /pick\.zipf: must be an exponent/ });
  t.throws(bad({ zipf: 1, top: 3 }), { message: /Fields\[0\]\.references\.pick\.top: unknown property "top"; known: zipf/ });
  t.throws(bad('zipf'), { message: /Fields\[0\]\.references\.pick: must be "uniform" or \{"zipf": s\}, got "zipf"/ });
  t.notThrows(() => parseModel({ Fields: [{ name: 'x', type: 'INTEGER', references: { model: 'c', field: 'id', seed: 1, rows: 5, pick: { zipf: '1.5' } } }] }));
});
