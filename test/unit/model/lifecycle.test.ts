import test from 'ava';
import { ModelError } from '../../../src/errors.js';
import { compileModel } from '../../../src/model/compile.js';
import { outputColumns } from '../../../src/model/columns.js';
import { walkAt } from '../../../src/model/lifecycle/drift-walk.js';
import { lifecycleJson } from '../../../src/model/lifecycle/lifecycle-spec.js';
import { Schedule } from '../../../src/model/lifecycle/schedule.js';
import { parseModel } from '../../../src/model/parse.js';
import type { Row, RowGenerator } from '../../../src/model/types.js';
import { replay, type ChangeEvent } from '../../helpers/change-replay.js';

const REF = 1_750_000_000_000;
const FIELDS = [
  { name: 'id', type: 'LONG' }, { name: 'name', type: 'NAME' }, { name: 'balance', type: 'INTEGER', min: 0, max: 1000 },
  { name: 'status', type: 'STRING', possible_values: ['active', 'frozen', 'closed'] }, { name: 'score', type: 'FLOAT' },
  { name: 'updated_at', type: 'TIMESTAMP' }, { name: 'secret', type: 'STRING', ghost: true },
];
const LIFECYCLE = {
  key: 'id', entities: 50, update_probability: 0.3, delete_probability: 0.2,
  changes: { balance: { drift: 25 }, status: 'regenerate', updated_at: 'regenerate', score: { probability: 0.5 } },
};
const model = (lifecycle: Record<string, unknown> = {}) => parseModel({ model_name: 'accounts', Fields: FIELDS, Lifecycle: { ...LIFECYCLE, ...lifecycle } });

function canonical(rows: Row[]): string {
  return JSON.stringify(rows, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

/** A change row's images, as the replayer takes them. */
function events(rows: Row[], names: string[]): ChangeEvent<unknown>[] {
  const image = (row: Row, prefix: string) => (row[`${prefix}id`] === null ? null : Object.fromEntries(names.map((n) => [n, row[prefix + n]])));
  return rows.map((r) => ({ key: String(r.id), op: r.op as string, before: image(r, 'before_'), after: image(r, 'after_') }));
}

async function stream(g: RowGenerator, seed: number, batches: number, rows: number): Promise<Row[]> {
  return Array.from({ length: batches }, (_, b) => g.generate(seed, b, rows, { referenceTime: REF })).flat();
}

test('a model with a Lifecycle section parses into its spec with defaults; models without one are unchanged', (t) => {
  const m = parseModel({ Fields: FIELDS, Lifecycle: { key: 'id' } });
  t.deepEqual(m.lifecycle, { key: 'id', entities: 1000, updateProbability: 0.1, deleteProbability: 0, changes: [], stepMs: 1000, time: 'simulated', output: 'change_stream', steps: 10, tombstones: false });
  t.is(m.warnings, undefined);
  t.is(parseModel({ Fields: FIELDS }).lifecycle, undefined);
  t.deepEqual(model().lifecycle!.changes, [
    { field: 'balance', probability: 1, drift: 25 }, { field: 'status', probability: 1 }, { field: 'updated_at', probability: 1 }, { field: 'score', probability: 0.5 },
  ]);
});

test('a bad Lifecycle section is refused with where and why', (t) => {
  const cases: Array<[Record<string, unknown>, RegExp]> = [
    [{ key: 'nope' }, /^Lifecycle\.key: "nope" is not an output field/],
    [{ key: 'secret' }, /^Lifecycle\.key: "secret" is not an output field/],
    [{ key: 'score' }, /^Lifecycle\.key: the key field must be of type/],
    [{ entities: 0 }, /^Lifecycle\.entities: must be an integer from 1/],
    [{ update_probability: 0 }, /^Lifecycle\.update_probability: must be above 0/],
    [{ delete_probability: 2 }, /^Lifecycle\.delete_probability: must be a number from 0 to 1/],
    [{ changes: { id: 'regenerate' } }, /^Lifecycle\.changes\.id: the key field never changes/],
    [{ changes: { name: { drift: 1 } } }, /^Lifecycle\.changes\.name\.drift: drift is for INTEGER, LONG, FLOAT fields/],
    [{ changes: { balance: { drift: -1 } } }, /^Lifecycle\.changes\.balance\.drift: must be a positive number/],
    [{ changes: { balance: { speed: 1 } } }, /^Lifecycle\.changes\.balance\.speed: unknown property/],
    [{ output: 'snapshot' }, /^Lifecycle\.output: must be one of change_stream, latest_state/],
    [{ entitys: 3 }, /^Lifecycle\.entitys: unknown key \(did you mean entities\?\)/],
  ];
  for (const [lifecycle, message] of cases) t.throws(() => model(lifecycle), { instanceOf: ModelError, message }, JSON.stringify(lifecycle));
  t.throws(() => parseModel({ Fields: [{ name: 'seq', type: 'LONG' }], Lifecycle: { key: 'seq' } }), { message: /column "seq" twice/ });
  t.notThrows(() => parseModel({ Fields: [{ name: 'id', type: 'LONG' }, { name: 'op', type: 'STRING' }], Lifecycle: { key: 'id' } }), 'a field op is written as before_op and after_op');
});

test('change-stream columns: the key, op, ts_ms, seq, then before_ and after_ images of the output fields', (t) => {
  const names = outputColumns(model()).map((c) => c.name);
  t.deepEqual(names.slice(0, 5), ['id', 'op', 'ts_ms', 'seq', 'before_id']);
  t.true(names.includes('after_updated_at'));
  t.false(names.some((n) => n.includes('secret')));
  t.deepEqual(outputColumns(model({ output: 'latest_state' })).map((c) => c.name), ['id', 'name', 'balance', 'status', 'score', 'updated_at']);
});

test('the schedule is a permutation each step, touching perStep entities, and maps events back to entities', (t) => {
  const s = new Schedule(9, 37, 0.25);
  t.is(s.perStep, 9);
  for (const step of [0, 1, 2, 50]) {
    const entities = Array.from({ length: 37 }, (_, place) => s.entityAt(step, place));
    t.is(new Set(entities).size, 37);
    entities.forEach((e, place) => t.is(s.placeIn(e, step), place));
    t.is(entities.filter((e) => s.touches(e, step)).length, step === 0 ? 37 : 9);
  }
  for (let j = 0; j < 200; j++) {
    const { step, place } = s.placeOf(j);
    t.is(s.eventOf(s.entityAt(step, place), step), j);
  }
});

test('the drift walk is a pure function with W(0) = 0 and unit variance per step', (t) => {
  t.is(walkAt(1, 2, 0, 0), 0);
  t.is(walkAt(1, 2, 0, 12345), walkAt(1, 2, 0, 12345));
  t.not(walkAt(1, 2, 0, 12345), walkAt(1, 3, 0, 12345));
  let sum = 0;
  for (let e = 0; e < 4000; e++) sum += (walkAt(7, e, 0, 101) - walkAt(7, e, 0, 100)) ** 2;
  const variance = sum / 4000;
  t.true(variance > 0.8 && variance < 1.2, `variance ${variance}`);
});

test('the same run twice gives the same stream; another seed another; any range of a batch the same rows', async (t) => {
  const a = await compileModel(model());
  const b = await compileModel(model());
  const once = await stream(a, 5, 3, 100);
  t.is(canonical(once), canonical(await stream(b, 5, 3, 100)));
  t.not(canonical(once), canonical(await stream(a, 6, 3, 100)));
  // Batch 1 as two shards, generated in reverse order, is batch 1.
  const tail = [...a.chunks(5, 1, 100, { firstRow: 60, rows: 40 }, { referenceTime: REF })].flat();
  const head = [...a.chunks(5, 1, 100, { firstRow: 0, rows: 60 }, { referenceTime: REF })].flat();
  t.is(canonical([...head, ...tail]), canonical(once.slice(100, 200)));
  // Another batch size, the same events.
  t.is(canonical(await stream(a, 5, 6, 50)), canonical(once));
  t.deepEqual(once.map((r) => r.seq), once.map((_, j) => BigInt(j)));
});

test('replaying the change stream reconstructs exactly the latest_state output, for every step count', async (t) => {
  const m = model();
  const g = await compileModel(m);
  const names = ['id', 'name', 'balance', 'status', 'score', 'updated_at'];
  const perStep = new Schedule(5, 50, 0.3).perStep;
  for (const steps of [0, 1, 7, 40]) {
    const length = 50 + steps * perStep;
    const rows = g.generate(5, 0, length, { referenceTime: REF });
    const table = replay(events(rows, names));
    const latest = await compileModel(model({ output: 'latest_state', steps }));
    const state = latest.generate(5, 0, 50, { referenceTime: REF });
    t.is(canonical(state), canonical([...table.values()].sort((x, y) => Number(x.id) - Number(y.id)) as Row[]), `steps ${steps}`);
    if (steps === 40) t.true(state.length < 50, 'some entities are deleted at the end');
  }
});

test('the stream has creates, updates and deletes, a delete is followed by a create of its key, and changes are as declared', async (t) => {
  const g = await compileModel(model());
  const rows = g.generate(11, 0, 2000, { referenceTime: REF });
  const ops = new Map<string, number>();
  for (const r of rows) ops.set(r.op as string, (ops.get(r.op as string) ?? 0) + 1);
  t.true(ops.get('c')! > 50 && ops.get('u')! > 500 && ops.get('d')! > 50, JSON.stringify([...ops]));
  const last = new Map<string, string>();
  for (const r of rows) {
    if (last.get(String(r.id)) === 'd') t.is(r.op, 'c');
    last.set(String(r.id), r.op as string);
    if (r.op !== 'u') continue;
    t.is(r.before_name, r.after_name, 'a field not in changes keeps its value');
    t.true(Number.isInteger(r.after_balance), 'a drifting INTEGER stays an integer');
    t.true((r.ts_ms as number) >= REF + 1000 && (r.after_updated_at as number) > (r.before_updated_at as number), 'updated_at is regenerated at the time of the update');
  }
  t.true(rows.some((r) => r.op === 'u' && r.before_score === r.after_score), 'score changes at about half of the updates');
  t.true(rows.some((r) => r.op === 'u' && r.before_score !== r.after_score));
  t.true(rows.every((r) => r.op === 'c' || typeof r.before_balance === 'number'));
});

test('latest_state writes one row per live entity and nothing past the entities', async (t) => {
  const g = await compileModel(model({ output: 'latest_state', delete_probability: 0 }));
  const rows = g.generate(3, 0, 80, { referenceTime: REF });
  t.is(rows.length, 50);
  t.deepEqual(rows.map((r) => r.id), rows.map((_, i) => BigInt(i + 1)));
  t.deepEqual(g.generate(3, 1, 80), []);
});

test('keys: UUID keys are distinct and a STRING key is the entity number', async (t) => {
  const uuid = await compileModel(parseModel({ Fields: [{ name: 'k', type: 'UUID' }, { name: 'v', type: 'INTEGER' }], Lifecycle: { key: 'k', entities: 300, output: 'latest_state' } }));
  const keys = uuid.generate(1, 0, 300).map((r) => r.k as string);
  t.is(new Set(keys).size, 300);
  t.regex(keys[0]!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const text = await compileModel(parseModel({ Fields: [{ name: 'k', type: 'STRING' }], Lifecycle: { key: 'k', entities: 3, output: 'latest_state' } }));
  t.deepEqual(text.generate(1, 0, 3).map((r) => r.k), ['1', '2', '3']);
});

test('a stored lifecycle model shows its section in the model format, which reads back to the same spec', (t) => {
  const spec = model({ time: 'real', tombstones: true }).lifecycle!;
  t.deepEqual(parseModel({ Fields: FIELDS, Lifecycle: lifecycleJson(spec) }).lifecycle, spec);
  t.like(lifecycleJson(spec), { changes: { status: 'regenerate', balance: { drift: 25, probability: 1 }, score: { probability: 0.5 } } });
});
