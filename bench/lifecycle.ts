/**
 * Change streams (docs/change-streams.md): events/s of a lifecycle model's change stream (each event a before and
 * an after image, recomputed from the previous touch) and rows/s of its latest_state, against the same fields as
 * plain inserts, same run, one thread, best of alternating rounds, serialised to JSON Lines as generation.ts does.
 * Standalone: `node --import tsx bench/lifecycle.ts`; also exported for bench/run.ts.
 */
import { compileModel } from '../src/model/compile.js';
import { parseModel } from '../src/model/parse.js';
import type { ModelDefinition } from '../src/model/types.js';
import { best, measure, type Rate } from './generation.js';
import type { BenchResult } from './types.js';

const SEED = 42;
const ROWS = 20_000;
const ROUNDS = 4;
const FIELDS = [
  { name: 'account_id', type: 'LONG' }, { name: 'holder', type: 'NAME' }, { name: 'email', type: 'EMAIL' },
  { name: 'balance_cents', type: 'LONG', min: 0, max: 5_000_000 }, { name: 'status', type: 'STRING', possible_values_weighted: { ACTIVE: 90, FROZEN: 8, CLOSING: 2 } },
  { name: 'risk_score', type: 'FLOAT' }, { name: 'updated_at', type: 'TIMESTAMP' },
];
const LIFECYCLE = {
  key: 'account_id', entities: 100_000, update_probability: 0.2, delete_probability: 0.02,
  changes: { balance_cents: { drift: 25_000 }, status: { probability: 0.1 }, risk_score: { probability: 0.3 }, updated_at: 'regenerate' },
};

const model = (lifecycle?: object): ModelDefinition => parseModel({ model_name: 'accounts', Fields: FIELDS, ...(lifecycle ? { Lifecycle: lifecycle } : {}) });
const CASES: Array<{ name: string; model: ModelDefinition; what: string }> = [
  { name: 'plain-inserts', model: model(), what: 'rows' },
  { name: 'change-stream', model: model(LIFECYCLE), what: 'events (before + after images)' },
  { name: 'change-stream-regenerate-only', model: model({ ...LIFECYCLE, changes: { status: 'regenerate', updated_at: 'regenerate' } }), what: 'events, no drift' },
  { name: 'latest-state', model: model({ ...LIFECYCLE, output: 'latest_state', steps: 50 }), what: 'entity rows after 50 steps' },
];

export async function benchLifecycle(): Promise<BenchResult[]> {
  const gens = await Promise.all(CASES.map((c) => compileModel(c.model)));
  const special = gens.map((g) => g.columns.filter((c) => c.type === 'LONG').map((c) => c.name));
  const rates: Rate[] = CASES.map(() => ({ wall: 0, cpu: 0 }));
  const options = { referenceTime: 1_750_000_000_000 };
  for (let round = 0; round < ROUNDS; round++) {
    // latest_state writes only the entities: its batches go round the 100,000 entities.
    gens.forEach((g, k) => { rates[k] = best(rates[k], measure((batch) => g.generate(SEED, CASES[k].name === 'latest-state' ? batch % 5 : batch, ROWS, options), special[k])); });
  }
  gens.forEach((g) => g.dispose?.());
  const base = rates[0];
  return CASES.map((c, k) => ({
    name: `lifecycle.accounts.${c.name}`,
    value: rates[k].wall,
    unit: 'rows/s',
    note: `${c.what}; ${rates[k].cpu} per CPU-second${k ? `; ${Math.round((rates[k].cpu / base.cpu) * 100)}% of plain inserts by CPU time` : ''}`,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await benchLifecycle()) console.log(r.name, r.value, r.unit, r.note ?? '');
}
