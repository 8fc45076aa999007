/** A dataset's entries: which entries each references, completed references, parents first, cycles refused. */
import test from 'ava';
import { planDataset, submissionOrder, type PlanEntry } from '../../../../src/model/relations/dataset-plan.js';

const entry = (name: string, modelName: string, references: unknown[] = [], over: Partial<PlanEntry> = {}): PlanEntry =>
  ({ name, modelName, seed: 42, rows: 100, batches: 2, references, completable: true, ...over });
const ref = (model: string, more: Record<string, unknown> = {}) => ({ model, field: 'id', children: { min: 1, max: 3 }, ...more });

test('references by entry name and by model_name find the entry; the reference gets its model_name, seed, rows and batches', (t) => {
  const entries = [
    entry('items', 'shop-line-items', [undefined, ref('orders')]),
    entry('orders', 'shop-orders', [ref('shop-customers', { seed: 42 })]),
    entry('customers', 'shop-customers', [], { seed: 7 }),
  ];
  const plan = () => planDataset(entries);
  const err = t.throws(plan);
  t.regex(err!.message, /^commands\[1\]\.model\.Fields\[0\]\.references\.seed: entry "customers" \(commands\[2\]\) generates seed 7, not 42/);
  entries[1] = entry('orders', 'shop-orders', [ref('shop-customers')]);
  const ok = planDataset(entries);
  t.deepEqual(ok.map((p) => p.parents), [[1], [2], []]);
  t.deepEqual(ok[0]!.completed.get(1), { model: 'shop-orders', field: 'id', children: { min: 1, max: 3 }, seed: 42, rows: 100, batches: 2 });
  t.deepEqual(ok[1]!.completed.get(0)!.seed, 7);
  t.deepEqual(submissionOrder(entries, ok), [2, 1, 0]);
});

test('a reference to no entry is left to the model (a stored parent); entries without references keep their order', (t) => {
  const entries = [entry('a', 'ma', [ref('stored-elsewhere')]), entry('b', 'mb')];
  const plan = planDataset(entries);
  t.deepEqual(plan.map((p) => p.parents), [[], []]);
  t.deepEqual(submissionOrder(entries, plan), [0, 1]);
});

test('a cycle, a self reference and an ambiguous model_name are 400s naming where', (t) => {
  const cycle = [entry('a', 'ma', [ref('b')]), entry('b', 'mb', [ref('c')]), entry('c', 'mc', [ref('a')])];
  t.regex(t.throws(() => submissionOrder(cycle, planDataset(cycle)))!.message, /cycle: a → b → c → a/);
  t.regex(t.throws(() => planDataset([entry('a', 'ma', [ref('a')])]))!.message, /^commands\[0\]\.model\.Fields\[0\]\.references\.model: entry "a" references itself/);
  const twice = [entry('c1', 'cust'), entry('c2', 'cust'), entry('o', 'ord', [ref('cust')])];
  t.regex(t.throws(() => planDataset(twice))!.message, /commands\[2\]\.model\.Fields\[0\]\.references\.model: model "cust" is that of entries "c1" and "c2": name the entry instead/);
});

test('a stored model\'s reference, which cannot be completed, must match the parent entry as it is (batches 1 when unstated)', (t) => {
  const entries = [entry('customers', 'shop-customers'), entry('orders', 'shop-orders', [ref('shop-customers', { seed: 42, rows: 100 })], { completable: false })];
  t.regex(t.throws(() => planDataset(entries))!.message, /^commands\[1\]\.model\.Fields\[0\]\.references\.batches: entry "customers" \(commands\[0\]\) generates batches 2, not 1/);
  entries[0] = entry('customers', 'shop-customers', [], { batches: 1 });
  t.deepEqual(planDataset(entries).map((p) => p.parents), [[], [0]]);
});
