import test from 'ava';
import { compileModel } from '../../../../src/model/compile.js';
import { parseModel } from '../../../../src/model/parse.js';
import { childMapping } from '../../../../src/model/relations/child-mapping.js';
import { withParents } from '../../../../src/model/relations/parents.js';
import { readReference } from '../../../../src/model/relations/reference-spec.js';
import type { ModelDefinition, Row, Value } from '../../../../src/model/types.js';

const SEED = 42;
const REF = 1_750_000_000_000;

const customers = parseModel({
  model_name: 'customers',
  Fields: [{ name: 'customer_id', type: 'UUID' }, { name: 'name', type: 'NAME' }, { name: 'score', type: 'INTEGER', min: 0, max: 99 }],
});
const orders = parseModel({
  model_name: 'orders',
  Fields: [
    { name: 'order_id', type: 'INCREMENT_LONG', min: 1 },
    { name: 'customer_id', type: 'UUID', references: { model: 'customers', field: 'customer_id', seed: SEED, rows: 300, batches: 2, children: { min: 0, max: 4 } } },
    { name: 'amount', type: 'FLOAT', min: 1, max: 500 },
  ],
});
const lineItems = parseModel({
  model_name: 'line-items',
  Fields: [
    { name: 'order_id', type: 'LONG', references: { model: 'orders', field: 'order_id', seed: SEED, rows: 500, batches: 2, children: { weighted: { '1': 1, '3': 1 } } } },
    { name: 'customer_id', type: 'UUID', references: { model: 'orders', field: 'customer_id', seed: SEED, rows: 500, batches: 2, children: { weighted: { '1': 1, '3': 1 } } } },
    { name: 'sku', type: 'STRING_AZ', length: 6 },
  ],
});
const STORE: Record<string, ModelDefinition> = { customers, orders, 'line-items': lineItems };
const load = async (name: string) => {
  const m = STORE[name];
  if (!m) throw new Error(`no model ${name}`);
  return m;
};

async function rowsOf(model: ModelDefinition, rows: number, batches: number): Promise<Row[]> {
  const gen = await compileModel(await withParents(model, load));
  const out: Row[] = [];
  for (let b = 0; b < batches; b++) out.push(...gen.generate(SEED, b, rows, { referenceTime: REF }));
  gen.dispose?.();
  return out;
}

const text = (v: Value) => (typeof v === 'bigint' ? `${v}n` : String(v));

test('references: a clear error names the property and what is wrong', (t) => {
  t.throws(() => readReference({ model: 'c', field: 'id', rows: 10 }, 'Fields[1].references'), { message: /Fields\[1\]\.references\.seed: is required/ });
  t.throws(() => readReference({ model: 'c', field: 'id', seed: 1, rows: 0 }, 'F.references'), { message: /F\.references\.rows: must be an integer from 1/ });
  t.throws(() => readReference({ model: 'c', field: 'id', seed: 1, rows: 5, children: { min: 3, max: 1 } }, 'F.references'), { message: /children\.min: min \(3\) is greater than max \(1\)/ });
  t.throws(() => readReference({ model: 'c', field: 'id', seed: 1, rows: 5, children: { min: 1 }, pick: 'uniform' }, 'F.references'), { message: /either children .* or pick/ });
  t.throws(() => readReference({ model: 'c', field: 'id', seed: 1, rows: 5, parent: 'x' }, 'F.references'), { message: /F\.references\.parent: unknown property/ });
  t.throws(() => parseModel({ Fields: [{ name: 'x', type: 'INTEGER', references: { model: 'c', field: 'id', seed: 1, rows: 5, pick: 'zipf' } }] }), { message: /Fields\[0\]\.references\.pick: must be "uniform"/ });
  t.is(orders.warnings, undefined, 'references is a known property');
});

test('child mapping: each parent gets its drawn count of children, in order, whatever order children are asked in', (t) => {
  const parents = 5000;
  const m = childMapping([0, 1, 2, 3, 4].map((count) => ({ count, weight: 1 })), SEED, 'customers', parents);
  const total = m.total();
  let expected = 0;
  for (let p = 0; p < parents; p++) expected += m.countOf(p);
  t.is(total, expected);
  const children = new Map<number, number>();
  let last = -1;
  for (let j = 0; j < total; j++) {
    const p = m.parentOf(j);
    t.true(p >= last, `child ${j}: parents in order`);
    last = p;
    children.set(p, (children.get(p) ?? 0) + 1);
  }
  for (const p of [0, 1, 17, 2048, parents - 1]) t.is(children.get(p) ?? 0, m.countOf(p), `parent ${p}`);
  const fresh = childMapping([0, 1, 2, 3, 4].map((count) => ({ count, weight: 1 })), SEED, 'customers', parents);
  for (const j of [total - 1, 7, 4099, 0, 9000]) t.is(fresh.parentOf(j), m.parentOf(j), `child ${j} asked out of order`);
  t.is(fresh.parentOf(total + 3), m.parentOf(3), 'children past the total start again at the first parent');
  // Uniform 0..4: mean 2, each count about a fifth of the parents (5000 draws: 3 sd of a fifth is ±85).
  t.true(Math.abs(total / parents - 2) < 0.1, `mean ${total / parents}`);
  for (let c = 0; c <= 4; c++) {
    let n = 0;
    for (let p = 0; p < parents; p++) if (m.countOf(p) === c) n++;
    t.true(Math.abs(n - parents / 5) < 85, `count ${c}: ${n} parents`);
  }
  const other = childMapping([0, 1, 2, 3, 4].map((count) => ({ count, weight: 1 })), SEED + 1, 'customers', parents);
  t.not(other.total(), total, 'another seed draws other counts');
});

test('every foreign key is a key of the parent rows, and each parent has its drawn number of children', async (t) => {
  const parentRows = await rowsOf(customers, 300, 2);
  const keys = new Map(parentRows.map((r, i) => [r.customer_id as string, i]));
  t.is(keys.size, 600);
  const m = childMapping([0, 1, 2, 3, 4].map((count) => ({ count, weight: 1 })), SEED, 'customers', 600);
  const total = m.total();
  const childRows = await rowsOf(orders, total, 1);
  const perParent = new Map<number, number>();
  for (const row of childRows) {
    const p = keys.get(row.customer_id as string);
    t.not(p, undefined, `${row.customer_id} resolves`);
    perParent.set(p!, (perParent.get(p!) ?? 0) + 1);
  }
  const wrong: string[] = [];
  for (let p = 0; p < 600; p++) if ((perParent.get(p) ?? 0) !== m.countOf(p)) wrong.push(`parent ${p}: ${perParent.get(p)} children, drawn ${m.countOf(p)}`);
  t.deepEqual(wrong, [], 'every parent has the children drawn for it');
});

test('rows with foreign keys are the same for any batch split and shard layout', async (t) => {
  const gen = await compileModel(await withParents(orders, load));
  const whole = gen.generate(SEED, 3, 20_000, { referenceTime: REF });
  const parts: Row[] = [];
  for (const [firstRow, rows] of [[0, 16_384], [16_384, 3_616]]) for (const chunk of gen.chunks(SEED, 3, 20_000, { firstRow, rows }, { referenceTime: REF })) parts.push(...chunk);
  t.deepEqual(parts.map((r) => r.customer_id), whole.map((r) => r.customer_id));
  const again = await compileModel(await withParents(orders, load));
  t.deepEqual(again.generate(SEED, 3, 20_000, { referenceTime: REF }).map((r) => r.customer_id), whole.map((r) => r.customer_id));
  gen.dispose?.();
  again.dispose?.();
});

test('three levels: a line item\'s order exists and its customer_id is that order\'s customer', async (t) => {
  const orderRows = await rowsOf(orders, 500, 2);
  const byId = new Map(orderRows.map((r) => [text(r.order_id), r]));
  const customerKeys = new Set((await rowsOf(customers, 300, 2)).map((r) => r.customer_id));
  const items = await rowsOf(lineItems, 700, 3);
  for (const item of items) {
    const order = byId.get(text(item.order_id));
    if (!order) return t.fail(`order ${text(item.order_id)} of a line item does not exist`);
    if (item.customer_id !== order.customer_id) return t.fail(`line item customer ${item.customer_id}, its order's ${order.customer_id}`);
    if (!customerKeys.has(item.customer_id)) return t.fail(`customer ${item.customer_id} does not exist`);
  }
  t.is(items.length, 2100);
});

test('pick uniform: children choose any parent, every key resolves, parents are used about evenly', async (t) => {
  const picking = parseModel({ model_name: 'p', Fields: [{ name: 'c', type: 'UUID', references: { model: 'customers', field: 'customer_id', seed: SEED, rows: 300, batches: 2, pick: 'uniform' } }] });
  const keys = new Set((await rowsOf(customers, 300, 2)).map((r) => r.customer_id));
  const rows = await rowsOf(picking, 6000, 1);
  const used = new Map<Value, number>();
  for (const r of rows) {
    t.true(keys.has(r.c), `${r.c} resolves`);
    used.set(r.c, (used.get(r.c) ?? 0) + 1);
  }
  t.true(used.size > 590, `${used.size} parents picked`);
});

test('parents are found once, chains included; cycles, unknown fields and mismatched types are refused', async (t) => {
  const resolved = await withParents(lineItems, load);
  t.deepEqual(Object.keys(resolved.parents ?? {}).sort(), ['customers', 'orders']);
  t.is(resolved.parents!.orders.parents, undefined, 'parents are kept flat, on the model submitted');
  const a = parseModel({ model_name: 'a', Fields: [{ name: 'x', type: 'INTEGER', references: { model: 'b', field: 'y', seed: 1, rows: 5 } }] });
  const b = parseModel({ model_name: 'b', Fields: [{ name: 'y', type: 'INTEGER', references: { model: 'a', field: 'x', seed: 1, rows: 5 } }] });
  await t.throwsAsync(withParents(a, async (n) => ({ a, b })[n]!), { message: /cycle: a → b → a/ });
  const wrongField = parseModel({ model_name: 'w', Fields: [{ name: 'x', type: 'UUID', references: { model: 'customers', field: 'id', seed: 1, rows: 5 } }] });
  await t.throwsAsync(compileModel(await withParents(wrongField, load)), { message: /Fields\[0\]\.references\.field: parent model "customers" has no field "id"; its fields: customer_id, name, score/ });
  const wrongType = parseModel({ model_name: 'w', Fields: [{ name: 'x', type: 'INTEGER', references: { model: 'customers', field: 'customer_id', seed: 1, rows: 5 } }] });
  await t.throwsAsync(compileModel(await withParents(wrongType, load)), { message: /Fields\[0\]\.type: field "x" is INTEGER but its parent key "customers.customer_id" is UUID/ });
  await t.throwsAsync(compileModel(wrongType), { message: /parent model "customers" is not known/ });
});

test('pick over a key read from the parent\'s rows is refused past the keys kept, with what to do instead', async (t) => {
  const big = parseModel({ model_name: 'big', Fields: [{ name: 'c', type: 'UUID', references: { model: 'customers', field: 'customer_id', seed: SEED, rows: 100_000, batches: 3, pick: 'uniform' } }] });
  await t.throwsAsync(compileModel(await withParents(big, load)), { message: /Fields\[0\]\.references\.pick: pick over "customers\.customer_id", a key read from the parent's rows, takes at most 262144 parents \(got 300000\): spread the children with "children"/ });
});
