/**
 * The single-row API through a real `datagen serve`: POST /datagen/api registers a model (an upload is stored),
 * GET /datagen/api/gen answers one row (the row object) or a page (rows=N, an array), seeded pages repeat, ghost
 * fields stay out, and bad requests are 400s naming the parameter.
 */
import test from 'ava';
import { getJson, startServe, type ServiceProcess } from '../helpers/service-process.js';

const MODEL = {
  model_name: 'api-people',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'name', type: 'STRING', length: 6 },
    { name: 'age', type: 'INTEGER', min: 18, max: 99 },
    { name: 'hidden', type: 'INTEGER', min: 1, max: 9, ghost: true },
  ],
};

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe();
});
test.after.always(async () => {
  await svc?.stop();
});

async function register(model: unknown, prefix = '') {
  const form = new FormData();
  form.set('model_file', new Blob([JSON.stringify(model)], { type: 'application/json' }), 'model.json');
  const res = await fetch(`${svc.url}${prefix}/datagen/api`, { method: 'POST', body: form });
  return { status: res.status, body: (await res.json()) as { modelId?: string; error?: string } };
}

async function gen(query: string) {
  const res = await fetch(`${svc.url}/api/v1/datagen/api/gen?${query}`);
  return { status: res.status, seed: res.headers.get('x-datagen-seed'), body: (await res.json()) as any };
}

test.serial('an uploaded model is registered and stored; gen answers one row object, ghost fields left out', async (t) => {
  const res = await register(MODEL, '/api/v1');
  t.is(res.status, 200, JSON.stringify(res.body));
  t.deepEqual(res.body, { modelId: 'api-people' });
  t.true((await getJson(svc.url, '/model_store/list', 'GET')).body.includes('api-people'), 'the upload is in the model store, as the original added it');

  const one = await gen('modelId=api-people');
  t.is(one.status, 200, JSON.stringify(one.body));
  t.deepEqual(Object.keys(one.body), ['id', 'name', 'age']);
  t.is(typeof one.body.name, 'string');
  t.is(one.body.name.length, 6);
  t.true(one.body.age >= 18 && one.body.age <= 99);
  t.regex(one.seed ?? '', /^\d+$/);
});

test.serial('rows=N answers N rows; the same seed the same rows, whose first is the single row of that seed', async (t) => {
  const a = await gen('modelId=api-people&rows=25&seed=42');
  const b = await gen('modelId=api-people&rows=25&seed=42');
  t.is(a.status, 200, JSON.stringify(a.body));
  t.is(a.body.length, 25);
  t.deepEqual(a.body, b.body);
  t.is(a.seed, '42');
  t.deepEqual(a.body.map((r: any) => r.id), Array.from({ length: 25 }, (_, i) => a.body[0].id + i), 'the rows of one page follow each other');
  t.deepEqual((await gen('modelId=api-people&seed=42')).body, a.body[0]);
  t.notDeepEqual((await gen('modelId=api-people&rows=25&seed=43')).body, a.body);
});

test.serial('a model stored again under its name gives rows of its new content (no stale compiled model)', async (t) => {
  t.is((await register({ ...MODEL, Fields: [{ name: 'only', type: 'STRING', length: 3 }] })).status, 200);
  const row = await gen('modelId=api-people&seed=1');
  t.deepEqual(Object.keys(row.body), ['only']);
  t.is((await register(MODEL)).status, 200);
  t.deepEqual(Object.keys((await gen('modelId=api-people&seed=1')).body), ['id', 'name', 'age']);
});

test.serial('bad requests are 400s naming what is wrong', async (t) => {
  const missing = await gen('rows=2');
  t.is(missing.status, 400);
  t.regex(missing.body.error, /parameter modelId is required/);
  const unknown = await gen('modelId=no-such-model');
  t.is(unknown.status, 400);
  t.regex(unknown.body.error, /parameter modelId: "no-such-model" is neither a stored model nor a model file/);
  for (const rows of ['0', '1001', 'x']) {
    const bad = await gen(`modelId=api-people&rows=${rows}`);
    t.is(bad.status, 400, rows);
    t.regex(bad.body.error, /parameter rows must be/);
  }
  const traversal = await gen(`modelId=${encodeURIComponent('../../etc/passwd')}`);
  t.is(traversal.status, 400);
  const noModel = await fetch(`${svc.url}/datagen/api`, { method: 'POST', body: new FormData() });
  t.is(noModel.status, 400);
  t.regex(((await noModel.json()) as { error: string }).error, /no model given/);
  const broken = await register({ model_name: 'broken', Fields: [{ name: 'x', type: 'NO_SUCH_TYPE' }] });
  t.is(broken.status, 400);
  t.false((await getJson(svc.url, '/model_store/list', 'GET')).body.includes('broken'), 'a model that does not load is not stored');
});

test.serial('a page too large to answer is a 400, and the service goes on answering', async (t) => {
  t.is((await register({ model_name: 'api-wide', Fields: [{ name: 'blob', type: 'STRING', length: 100_000 }] })).status, 200);
  const big = await gen('modelId=api-wide&rows=1000');
  t.is(big.status, 400, JSON.stringify(big.body).slice(0, 300));
  t.regex(big.body.error, /characters of JSON; one answer holds at most/);
  t.is((await gen('modelId=api-people')).status, 200);
});
