/**
 * Fuzzing models through a real service: the project's own models, mutated at random (seeded, so a failure is
 * reproducible) with hostile values, wrong types, broken JSON and deep nesting, sent to /model/test,
 * /model_store/add and /datagen/json. A bad model is always a 4xx: never a 5xx, never a crash, never a hang.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FIELD_TYPES } from '../../src/model/types.js';
import { KNOWN_PROPERTIES } from '../../src/model/field-spec.js';
import { ROOT, startServe, type ServiceProcess } from '../helpers/service-process.js';

const SEED = 20_260_110;
const REQUESTS = 500;

function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  return { next, int, pick };
}

const deepArray = (n: number) => JSON.parse('['.repeat(n) + ']'.repeat(n)) as unknown;
const VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), 1e12, 1e308, -1e308, '', ' ', 'x', '1e7', '-0', 'NaN', 'Infinity',
  '__proto__', 'constructor', '../../../../etc/passwd', 'nats/jetstream', '\u0000', '\ud800', 'é'.repeat(300), 'x'.repeat(5000),
  '[a-z]{999999}', '[]{3}', '${missing}', '$a.b', 'while (true) {}', 'throw new Error("boom")', '1/0', '"x".repeat(1e6)',
  [], [1, 'a', null], [[['deep']]], {}, { a: 1 }, { '$x == 1': 'y' }, { formula: '1+' }, deepArray(40),
];
const PROPS = [...KNOWN_PROPERTIES, 'min_Date', 'Length', '', '__proto__'];
const TYPES = [...FIELD_TYPES, 'string', 'STRINGAZ', 'NOPE', '', 'CSV'];

const BASES = readdirSync(path.join(ROOT, 'models')).filter((f) => f.endsWith('.json')).map((f) => readFileSync(path.join(ROOT, 'models', f), 'utf8'));

type Rng = ReturnType<typeof prng>;
type Model = { model_name?: unknown; Fields?: unknown; Table_Names?: unknown; Options?: unknown; [k: string]: unknown };

const MUTATIONS: Array<(m: Model, r: Rng) => void> = [
  (m, r) => { const f = fieldOf(m, r); if (f) f[r.pick(PROPS)] = r.pick(VALUES); },
  (m, r) => { const f = fieldOf(m, r); if (f) f.type = r.pick(TYPES); },
  (m, r) => { const f = fieldOf(m, r); if (f) delete f[r.pick(['name', 'type', 'regex', 'file', 'field', 'min', 'max'])]; },
  (m, r) => { const f = fieldOf(m, r); if (f) f.name = r.pick(VALUES); },
  (m, r) => { if (Array.isArray(m.Fields) && m.Fields.length) m.Fields.push(structuredClone(r.pick(m.Fields))); },
  (m, r) => { m[r.pick(['Table_Names', 'Options', 'Primary_Keys'])] = r.pick(VALUES); },
  (m, r) => { m.Table_Names = { [r.pick(['LOCAL_FILE_PATH', 'LOCAL_FILE_NAME', 'AVRO_NAME', 'HBASE_TABLE_NAME'])]: r.pick(VALUES) }; },
  (m, r) => { m.Options = { [r.pick(['ONE_FILE_PER_ITERATION', 'DELETE_PREVIOUS', 'CSV_HEADER', 'PARQUET_PAGE_SIZE', 'KAFKA_MSG_KEY'])]: r.pick(VALUES) }; },
  (m, r) => { m.model_name = r.pick(VALUES); },
  (m, r) => { m.Fields = r.pick(VALUES); },
];

function fieldOf(m: Model, r: Rng): Record<string, unknown> | undefined {
  if (!Array.isArray(m.Fields) || m.Fields.length === 0) return undefined;
  const f = r.pick(m.Fields);
  return f && typeof f === 'object' && !Array.isArray(f) ? (f as Record<string, unknown>) : undefined;
}

/** A mutated model's text: usually JSON of a mutated object, sometimes broken or very deep text. */
function fuzzedModel(r: Rng, i: number): string {
  const m = JSON.parse(r.pick(BASES)) as Model;
  m.model_name = `fuzz-${i}`;
  for (let k = 1 + r.int(3); k > 0; k--) r.pick(MUTATIONS)(m, r);
  const text = JSON.stringify(m);
  const form = r.int(20);
  if (form === 0) return text.slice(0, r.int(text.length));
  if (form === 1) return '['.repeat(5000 + r.int(200_000));
  if (form === 2) return `{"Fields":${'['.repeat(70)}${']'.repeat(70)}}`;
  return text;
}

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe({ env: { DATAGEN_WORKER_SLOTS: '1' } });
});
test.after.always(async () => {
  await svc?.stop();
});

test(`${REQUESTS} fuzzed models: every answer is below 500 and the service stays healthy`, async (t) => {
  const r = prng(SEED);
  const serverErrors: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < REQUESTS; i++) {
    const text = fuzzedModel(r, i);
    const endpoint = r.pick(['/model/test', '/model/test', '/model/test', '/model_store/add', '/datagen/json']);
    const form = new FormData();
    if (endpoint === '/datagen/json') { form.set('rows', '1'); form.set('batches', '1'); }
    form.set('model_file', new Blob([text], { type: 'application/json' }), 'fuzz.json');
    const res = await fetch(`${svc.url}${endpoint}`, { method: 'POST', body: form });
    const body = await res.text();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500) serverErrors.push(`#${i} ${endpoint} ${res.status} ${body.slice(0, 200)} model: ${text.slice(0, 400)}`);
  }
  t.deepEqual(serverErrors, [], 'no server error');
  t.true((statuses.get(400) ?? 0) > REQUESTS / 4, `most fuzzed models are refused: ${JSON.stringify([...statuses])}`);
  t.true((statuses.get(200) ?? 0) > 0, 'some still load');
  t.is(svc.child.exitCode, null, 'the service process is alive');
  t.is((await fetch(`${svc.url}/api/v1/health/status`)).status, 200);
  t.notRegex(svc.output(), /"msg":"request failed"|FATAL ERROR/);
});
