/**
 * Related models (docs/related-models.md): rows/s of a child model with a foreign key against the same model with a
 * plain random integer in its place, same run, one thread, best of alternating rounds (aim: within 20%). Also the
 * foreign key to a key read from the parent's rows (a UUID: the parent's chunk around each parent is generated),
 * spread with `children` (in order) and with `pick: uniform` (any parent: a parent chunk per lookup at worst), each
 * compared with the same model with a plain field of its type in place (a UUID costs more than an integer to make
 * and to write); and `pick: {"zipf": 1}` over a counter key.
 * Standalone: `node --import tsx bench/relations.ts`; also exported for bench/run.ts.
 */
import { compileModel } from '../src/model/compile.js';
import { parseModel } from '../src/model/parse.js';
import { withParents } from '../src/model/relations/parents.js';
import type { ModelDefinition } from '../src/model/types.js';
import { best, measure, type Rate } from './generation.js';
import type { BenchResult } from './types.js';

const SEED = 42;
const ROWS = 20_000;
const ROUNDS = 4;
const PARENTS = { rows: 100_000, batches: 10 };

const customers = parseModel({
  model_name: 'customers',
  Fields: [{ name: 'customer_id', type: 'INCREMENT_INTEGER', min: 1 }, { name: 'uuid', type: 'UUID' }, { name: 'name', type: 'NAME' }],
});

function orders(customer: object): ModelDefinition {
  return parseModel({
    model_name: 'orders',
    Fields: [
      { name: 'order_id', type: 'INCREMENT_INTEGER', min: 1 },
      customer,
      { name: 'amount', type: 'FLOAT', min: 1, max: 500 },
      { name: 'channel', type: 'STRING', possible_values_weighted: { web: 6, app: 3, store: 1 } },
      { name: 'ordered_at', type: 'TIMESTAMP' },
      { name: 'voucher', type: 'STRING_REGEX', regex: '[A-Z]{3}-[0-9]{4}' },
    ],
  });
}

const ref = (field: string, spread: object, parents: object = PARENTS) => ({ model: 'customers', field, seed: SEED, ...parents, ...spread });
/** `base`: the case a foreign key is compared with, the same model with a plain field of the key's type in its place. */
const CASES: Array<{ name: string; model: ModelDefinition; base?: string }> = [
  { name: 'no-fk', model: orders({ name: 'customer_id', type: 'INTEGER', min: 1, max: 1_000_000 }) },
  { name: 'no-fk-uuid', model: orders({ name: 'customer_id', type: 'UUID' }) },
  { name: 'fk-increment-children', base: 'no-fk', model: orders({ name: 'customer_id', type: 'INTEGER', references: ref('customer_id', { children: { min: 0, max: 4 } }) }) },
  { name: 'fk-increment-pick', base: 'no-fk', model: orders({ name: 'customer_id', type: 'INTEGER', references: ref('customer_id', { pick: 'uniform' }) }) },
  { name: 'fk-increment-zipf', base: 'no-fk', model: orders({ name: 'customer_id', type: 'INTEGER', references: ref('customer_id', { pick: { zipf: 1 } }) }) },
  { name: 'fk-uuid-children', base: 'no-fk-uuid', model: orders({ name: 'customer_id', type: 'UUID', references: ref('uuid', { children: { min: 0, max: 4 } }) }) },
  // pick over a UUID key reads any parent's generated chunk: at most 262,144 parents, every chunk kept once read.
  { name: 'fk-uuid-pick', base: 'no-fk-uuid', model: orders({ name: 'customer_id', type: 'UUID', references: ref('uuid', { pick: 'uniform' }, { rows: 20_000, batches: 10 }) }) },
];

export async function benchRelations(): Promise<BenchResult[]> {
  const gens = await Promise.all(CASES.map(async (c) => compileModel(await withParents(c.model, async () => customers))));
  const rates: Rate[] = CASES.map(() => ({ wall: 0, cpu: 0 }));
  const options = { referenceTime: 1_750_000_000_000 };
  // The first rows of each case, timed alone: a pick over a UUID key generates every parent chunk there.
  const firstMs = gens.map((g) => {
    const t0 = process.hrtime.bigint();
    g.generate(SEED, 0, ROWS, options);
    return Number(process.hrtime.bigint() - t0) / 1e6;
  });
  // Round 0 warms every case up (JIT, parent blocks) and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    gens.forEach((g, k) => {
      const rate = measure((batch) => g.generate(SEED, batch, ROWS, options), []);
      if (round > 0) rates[k] = best(rates[k], rate);
    });
  }
  gens.forEach((g) => g.dispose?.());
  const rateOf = (name: string) => rates[CASES.findIndex((c) => c.name === name)]!;
  return CASES.map((c, k) => {
    const vs = c.base ? `; ${Math.round((rates[k].cpu / rateOf(c.base).cpu) * 100)}% of ${c.base}${c.base === 'no-fk' ? '' : `, ${Math.round((rates[k].cpu / rateOf('no-fk').cpu) * 100)}% of no-fk`} by CPU time` : '';
    const first = c.name === 'fk-uuid-pick' ? `; 200,000 parents, their keys read once (first ${ROWS} rows: ${Math.round(firstMs[k]!)} ms)` : '';
    return { name: `relations.orders.${c.name}`, value: rates[k].wall, unit: 'rows/s', note: `${rates[k].cpu} rows per CPU-second${vs}${first}` };
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchRelations()) console.log(r.name, r.value, r.unit, r.note ?? '');
}
