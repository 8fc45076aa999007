/**
 * No model can take the service down (issue 10, item 4), through a real service process: hostile models and
 * parameters answer a 4xx naming what is too big; model checks run on threads with limits, so a slow model test
 * never blocks the API and one that exhausts its thread is a 400; a batch that kills its generator thread fails
 * the command after its attempts, and the service restarted on the same data neither crashes nor runs it again.
 */
import test, { type ExecutionContext } from 'ava';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { WORK_CONSUMER, WORK_STREAM } from '../../src/events/subjects.js';
import { NatsEventLog } from '../../src/nats/event-log.js';
import { startTestNats } from '../helpers/nats-server.js';
import { getJson, startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe({ env: { DATAGEN_MODEL_TEST_TIMEOUT_MS: '4000' } });
});
test.after.always(async () => {
  await svc?.stop();
});

let names = 0;
/** A model of one or more fields; each gets its own name so no two commands write the same files. */
const model = (fields: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ model_name: `hostile-${++names}`, Fields: fields, ...extra });
const deep = (open: string, inner: string, close: string, n = 100_000) => open.repeat(n) + inner + close.repeat(n);

async function postModel(url: string, path: string, text: string, fields: Record<string, string> = {}) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('model_file', new Blob([text], { type: 'application/json' }), 'model.json');
  const res = await fetch(`${url}${path}`, { method: 'POST', body: form });
  const body = await res.text();
  return { status: res.status, body: (body.startsWith('{') ? JSON.parse(body) : { text: body }) as { error?: string; [k: string]: unknown } };
}

async function assertHealthy(t: ExecutionContext, service: ServiceProcess, after: string) {
  t.is(service.child.exitCode, null, `the service process is alive after ${after}`);
  t.is((await fetch(`${service.url}/api/v1/health/status`)).status, 200, `healthy after ${after}`);
}

const ENDPOINTS = ['/model/test', '/datagen/json', '/model_store/add'];

const HOSTILE: Array<{ name: string; text: () => string; error: RegExp }> = [
  { name: 'a regex of a billion characters', text: () => model([{ name: 'r', type: 'STRING_REGEX', regex: '[a-z]{1000000000}' }]), error: /Fields\[0\]\.regex: can generate 1000000000 characters .*at most 10000 \(DATAGEN_MAX_REGEX_LENGTH\)/ },
  { name: 'a regex count beyond any number', text: () => model([{ name: 'r', type: 'STRING_REGEX', regex: `[a-z]{${'9'.repeat(400)}}` }]), error: /Fields\[0\]\.regex: can generate Infinity characters/ },
  { name: 'regex classes that add up', text: () => model([{ name: 'a', type: 'INTEGER' }, { name: 'r', type: 'STRING_REGEX', regex: '[a-z]{5000}-[0-9]{5000}' }]), error: /Fields\[1\]\.regex: can generate 10001 characters/ },
  { name: 'a regex of multi-character tokens', text: () => model([{ name: 'r', type: 'STRING_REGEX', regex: '[abcdefghij,klmnopqrst]{2000}' }]), error: /Fields\[0\]\.regex: can generate 20000 characters/ },
  { name: 'a STRING length of 1e7', text: () => model([{ name: 's', type: 'STRING', length: 1e7 }]), error: /Fields\[0\]\.length: .*at most 100000 \(DATAGEN_MAX_STRING_LENGTH\)/ },
  { name: 'a length written as text', text: () => model([{ name: 's', type: 'STRING_AZ', length: '1e7' }]), error: /Fields\[0\]\.length: .*DATAGEN_MAX_STRING_LENGTH/ },
  { name: 'a BYTES length of 1e9', text: () => model([{ name: 'b', type: 'BYTES', length: 1e9 }]), error: /Fields\[0\]\.length: .*DATAGEN_MAX_STRING_LENGTH/ },
  { name: '100,001 possible values', text: () => model([{ name: 'p', type: 'STRING', possible_values: Array.from({ length: 100_001 }, (_, i) => i) }]), error: /Fields\[0\]\.possible_values: has 100001 values .*DATAGEN_MAX_POSSIBLE_VALUES/ },
  { name: '100,001 weighted values', text: () => model([{ name: 'p', type: 'STRING', possible_values_weighted: Object.fromEntries(Array.from({ length: 100_001 }, (_, i) => [`v${i}`, 1])) }]), error: /Fields\[0\]\.possible_values_weighted: has 100001 values/ },
  { name: '10,001 fields', text: () => model(Array.from({ length: 10_001 }, (_, i) => ({ name: `f${i}`, type: 'INTEGER' }))), error: /Fields: has 10001 fields; .*DATAGEN_MAX_FIELDS/ },
  { name: 'a model_name of 500 characters', text: () => JSON.stringify({ model_name: 'm'.repeat(500), Fields: [{ name: 'a', type: 'INTEGER' }] }), error: /model_name/ },
  { name: 'a 100,000-deep JSON array', text: () => deep('[', '', ']'), error: /nests deeper than 64 levels .*DATAGEN_MAX_MODEL_DEPTH/ },
  { name: 'a 100,000-deep JSON object', text: () => deep('{"a":', '1', '}'), error: /nests deeper than 64 levels/ },
  { name: 'a model with a 100,000-deep setting', text: () => `{"Fields":[{"name":"a","type":"INTEGER"}],"Table_Names":{"AVRO_NAME":${deep('[', '', ']')}}}`, error: /nests deeper than 64 levels/ },
  { name: 'a 9 MB model', text: () => model([{ name: 'p', type: 'STRING', possible_values: ['x'.repeat(9 * 1024 * 1024)] }]), error: /is \d+ bytes; a model may have at most 8388608 \(DATAGEN_MAX_MODEL_BYTES\) bytes/ },
];

for (const h of HOSTILE) {
  test.serial(`hostile model: ${h.name} answers 400 on ${ENDPOINTS.join(', ')}, the service stays healthy`, async (t) => {
    const text = h.text();
    for (const path of ENDPOINTS) {
      const res = await postModel(svc.url, path, text, path === '/datagen/json' ? { rows: '1', batches: '1' } : {});
      t.is(res.status, 400, `${path}: ${JSON.stringify(res.body).slice(0, 300)}`);
      t.regex(res.body.error ?? '', h.error, path);
      await assertHealthy(t, svc, `${h.name} on ${path}`);
    }
  });
}

test.serial('a 20 MB model is beyond the upload limit: 413 on every endpoint', async (t) => {
  const text = model([{ name: 'p', type: 'STRING', possible_values: ['x'.repeat(20 * 1024 * 1024)] }]);
  for (const path of ENDPOINTS) {
    const res = await postModel(svc.url, path, text);
    t.is(res.status, 413, path);
    await assertHealthy(t, svc, `a 20 MB model on ${path}`);
  }
});

test.serial('regex syntax this dialect does not have is literal text, not a quantifier: (a{1000}){1000} and .{0,}', async (t) => {
  for (const regex of ['(a{1000}){1000}', '.{0,}', 'x*+{99999999}']) {
    const res = await postModel(svc.url, '/model/test', model([{ name: 'r', type: 'STRING_REGEX', regex }]));
    t.is(res.status, 200, JSON.stringify(res.body));
    t.is((res.body.row as Record<string, string>).r, regex);
  }
});

test.serial('rows and batches beyond their limits answer 400 naming the parameter', async (t) => {
  const small = () => model([{ name: 'a', type: 'INTEGER' }]);
  const cases: Array<[Record<string, string | number>, string, RegExp, string?]> = [
    [{ rows: '1000000000000', batches: 1 }, 'rows', /parameter rows \(1000000000000\): must be at most 1000000000 \(DATAGEN_MAX_ROWS\)/],
    [{ rows: '1e12', batches: 1 }, 'rows', /DATAGEN_MAX_ROWS/],
    [{ rows: 1, batches: '1000000000' }, 'batches', /parameter batches \(1000000000\): must be at most 1000000 \(DATAGEN_MAX_BATCHES\)/],
    [{ rows: 10_000_000, batches: 1_000_000 }, 'batches', /rows × batches = 10000000000000 rows; .*at most 1000000000000 \(DATAGEN_MAX_TOTAL_ROWS\)/],
  ];
  for (const [fields, parameter, error, text] of cases) {
    const res = await submit(svc.url, 'json', fields, { text: text ?? small() });
    t.is(res.status, 400, JSON.stringify(fields));
    t.regex(res.body.error, error);
    t.is((res.body.details as { parameter?: string } | undefined)?.parameter, parameter);
    await assertHealthy(t, svc, JSON.stringify(fields));
  }
  const all = (await getJson(svc.url, '/command/getAll')).body as unknown[];
  t.is(all.length, 0, 'nothing was queued');
});

test.serial('100,000-deep JSON in request parameters answers 400, not 500', async (t) => {
  const deepArray = deep('[', '', ']');
  // /datagen/* reads multipart and form bodies only: a JSON body is refused before it is parsed.
  const json = await fetch(`${svc.url}/datagen/json`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"rows":${deepArray}}` });
  t.is(json.status, 415);
  const status = await fetch(`${svc.url}/command/getCommandStatus`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"commandUuid":${deepArray}}` });
  t.is(status.status, 400);
  t.regex(((await status.json()) as { error: string }).error, /parameter commandUuid nests deeper than 64 levels/);
  const extra = await submit(svc.url, 'json', { rows: 1, batches: 1, extraProperties: `{"KAFKA_BROKERS":${deepArray}}` }, { text: model([{ name: 'a', type: 'INTEGER' }]) });
  t.is(extra.status, 400);
  t.regex(extra.body.error, /extraProperties nests deeper than 64 levels/);
  await assertHealthy(t, svc, 'deep request parameters');
});

test.serial('formulas that never end or allocate without bound: /model/test is a 400 naming the field; a command of them ends FAILED with the cause', async (t) => {
  const formulas: Array<[string, RegExp]> = [
    ['while (true) {}', /Fields\[0\]\.formula: .*took longer than 1000 ms/],
    ["'x'.repeat(1e9)", /Fields\[0\]\.formula: .*(memory|Invalid string length)/i],
    // Native allocations run between the sandbox's interrupt checks: the check thread's time budget stops it if its memory limit does not.
    ['let a = []; for (;;) a.push(new Array(1e6).fill(1))', /Fields\[0\]\.formula: .*memory|model test exceeded its time budget/i],
  ];
  for (const [formula, error] of formulas) {
    const res = await postModel(svc.url, '/model/test', model([{ name: 'f', type: 'STRING', formula }]));
    t.is(res.status, 400, formula);
    t.regex(res.body.error ?? '', error, formula);
    await assertHealthy(t, svc, formula);
  }
  // Submission compiles formulas but does not run them: the batch fails, is retried, and the command fails with the cause.
  const res = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model([{ name: 'f', type: 'STRING', formula: 'while (true) {}' }]) });
  t.is(res.status, 200);
  const status = await waitForTerminal(svc.url, res.body.commandUuid);
  t.is(status.status, 'FAILED');
  t.regex(status.comment, /batch 0 failed after 3 attempts: .*took longer than 1000 ms/);
  await assertHealthy(t, svc, 'a command of an endless formula');
});

/** Polls /metrics (itself an API request) until `count` model checks are in `state`. */
async function modelChecks(url: string, state: 'running' | 'queued', count = 1): Promise<boolean> {
  const line = new RegExp(`^datagen_model_checks\\{state="${state}"\\} ${count}$`, 'm');
  for (let i = 0; i < 400; i++) {
    if (line.test(await (await fetch(`${url}/metrics`)).text())) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return false;
}

const slowModel = () => model(Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, type: 'INTEGER', formula: 'let x = 0; for (let i = 0; i < 1500000; i++) { x += i; } 1' })));

test.serial('a slow /model/test runs off the API thread: health and a submission answer while it is in flight, then it ends at its time budget', async (t) => {
  let settled = false;
  const testing = postModel(svc.url, '/model/test', slowModel()).finally(() => { settled = true; });
  t.true(await modelChecks(svc.url, 'running'), 'the model test started');
  const health = await fetch(`${svc.url}/api/v1/health/status`);
  t.is(health.status, 200);
  const submitted = await submit(svc.url, 'json', { rows: 1, batches: 1 }, { text: model([{ name: 'a', type: 'INTEGER' }]) });
  t.is(submitted.status, 200, 'a submission\'s compile check does not wait behind model tests');
  t.false(settled, 'health and the submission answered while the slow model test was still running');
  const res = await testing;
  t.is(res.status, 400);
  // Whichever budget ends it first: the whole test's, or (on a loaded machine) one formula call's second.
  t.regex(res.body.error ?? '', /model test exceeded its time budget of 4000 ms \(DATAGEN_MODEL_TEST_TIMEOUT_MS\)|formula of field "f\d+" failed: took longer than 1000 ms/);
  const after = await postModel(svc.url, '/model/test', model([{ name: 'a', type: 'INTEGER', min: 7, max: 7 }]));
  t.is(after.status, 200, 'the stopped thread was replaced');
  t.is((after.body.row as Record<string, number>).a, 7);
  await assertHealthy(t, svc, 'a slow model test');
});

test.serial('model checks beyond the queue answer 503 saying so; the queued ones still run', async (t) => {
  const one = await startServe({ env: { DATAGEN_MODEL_CHECK_THREADS: '1', DATAGEN_MODEL_CHECK_QUEUE: '1', DATAGEN_MODEL_TEST_TIMEOUT_MS: '3000', DATAGEN_WORKER_SLOTS: '0' } });
  try {
    const running = postModel(one.url, '/model/test', slowModel());
    t.true(await modelChecks(one.url, 'running'), 'the first test runs');
    const queued = postModel(one.url, '/model/test', model([{ name: 'a', type: 'INTEGER', min: 1, max: 1 }]));
    t.true(await modelChecks(one.url, 'queued'), 'the second waits');
    const refused = await postModel(one.url, '/model/test', model([{ name: 'a', type: 'INTEGER' }]));
    t.is(refused.status, 503);
    t.regex(refused.body.error ?? '', /model tests are saturated \(1 waiting, DATAGEN_MODEL_CHECK_QUEUE\); retry shortly/);
    t.is((await running).status, 400, 'the slow one ends at its budget');
    const second = await queued;
    t.is(second.status, 200);
    t.is((second.body.row as Record<string, number>).a, 1);
    await assertHealthy(t, one, 'saturated model checks');
  } finally {
    await one.stop();
  }
});

test.serial('a model test that exhausts its thread\'s heap is a 400 naming the limit; the thread is replaced', async (t) => {
  // 28 MB is enough to boot a check thread (which loads only the model compiler's modules) and, since cities are
  // kept as columns, the cities a CITY field needs; not the names dictionaries that NAME fields load on top.
  const small = await startServe({ env: { DATAGEN_MODEL_TEST_HEAP_MB: '28', DATAGEN_WORKER_SLOTS: '0' } });
  try {
    const cities = model([{ name: 'c', type: 'CITY' }, ...Array.from({ length: 8 }, (_, i) => ({ name: `n${i}`, type: 'NAME' }))]);
    for (const path of ['/model/test', '/datagen/json']) {
      const res = await postModel(small.url, path, cities);
      t.is(res.status, 400, path);
      t.regex(res.body.error ?? '', /model (test|check) exceeded its memory limit of 28 MB \(DATAGEN_MODEL_TEST_HEAP_MB\)/, path);
      await assertHealthy(t, small, `an out-of-memory ${path}`);
    }
    const ok = await postModel(small.url, '/model/test', model([{ name: 'a', type: 'INTEGER', min: 3, max: 3 }]));
    t.is(ok.status, 200);
    t.is((ok.body.row as Record<string, number>).a, 3);
    t.regex(small.output(), /a model check killed its thread; thread replaced/);
  } finally {
    await small.stop();
  }
});

async function historyTypes(url: string, uuid: string): Promise<string[]> {
  const res = await getJson(url, `/command/history?commandUuid=${uuid}`, 'GET');
  return ((res.body.events ?? []) as Array<{ type: string }>).map((e) => e.type);
}

test.serial('a batch that kills its generator thread fails the command after its attempts; restarts neither crash nor run it again', async (t) => {
  // Within every submission limit (one row of 1,000 × 100,000 bytes < 1 GiB), but more than a 64 MB thread can hold:
  // batches stream a chunk at a time, so only a row this wide still needs more than the thread has.
  const env = { DATAGEN_THREAD_HEAP_MB: '64', DATAGEN_WORKER_SLOTS: '1' };
  const poison = JSON.stringify({ model_name: 'poison', Fields: Array.from({ length: 1000 }, (_, i) => ({ name: `s${i}`, type: 'STRING', length: 100_000 })) });
  const first = await startServe({ env });
  const res = await submit(first.url, 'json', { rows: 2, batches: 2, threads: 1 }, { text: poison });
  t.is(res.status, 200, JSON.stringify(res.body));
  const uuid = res.body.commandUuid;
  for (let i = 0; i < 1200 && !(await historyTypes(first.url, uuid)).includes('batch-failed'); i++) await new Promise((r) => setTimeout(r, 50));
  t.true((await historyTypes(first.url, uuid)).includes('batch-failed'), 'the first attempt failed');
  await assertHealthy(t, first, 'a batch killed its thread');
  // Killed while the poison batch is still being retried: the next start picks it up again.
  await first.stop('SIGKILL');

  const second = await startServe({ env, dataDir: first.dataDir });
  try {
    const status = await waitForTerminal(second.url, uuid, 120_000);
    t.is(status.status, 'FAILED');
    t.regex(status.comment, /batch 0 failed after 3 attempts: the generator thread ran out of memory \(its heap limit is 64 MB, DATAGEN_THREAD_HEAP_MB\): .*use smaller fields or raise the heap limit/);
    const history = (await getJson(second.url, `/command/history?commandUuid=${uuid}`, 'GET')).body.events as Array<{ type: string; data: { attempt: number; final: boolean } }>;
    const attempts = history.filter((e) => e.type === 'batch-failed').map((e) => [e.data.attempt, e.data.final]);
    t.deepEqual(attempts, [[1, false], [2, false], [3, true]], 'the restart granted no new attempts: counting continued across it');
    await assertHealthy(t, second, 'the poison batch failed');
  } finally {
    t.is(await second.stop(), 0, 'the second service stops cleanly');
  }

  const third = await startServe({ env, dataDir: first.dataDir });
  try {
    const good = await submit(third.url, 'json', { rows: 5, batches: 2 }, { text: JSON.stringify({ model_name: 'after-poison', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }) });
    t.is((await waitForTerminal(third.url, good.body.commandUuid)).status, 'FINISHED', 'the worker keeps working');
    t.is((await getJson(third.url, `/command/getCommandStatus?commandUuid=${uuid}`)).body.status, 'FAILED', 'the poison command stays FAILED');
    const types = await historyTypes(third.url, uuid);
    t.is(types.filter((x) => x === 'failed').length, 1);
    t.is(types.at(-1), 'failed', 'nothing ran for it after it failed');
    await assertHealthy(t, third, 'a restart after the poison batch');
    t.notRegex(third.output() + second.output(), /FATAL ERROR|Reached heap limit/);
  } finally {
    await third.stop();
  }
});

test.serial('a sink finalize that kills the activity thread fails its command with the cause; the thread is replaced for the next', async (t) => {
  // One Parquet file per command: row groups of 128 MB (the default) accumulate in the activity thread's 64 MB heap.
  const small = await startServe({ env: { DATAGEN_THREAD_HEAP_MB: '64' } });
  try {
    const big = JSON.stringify({ model_name: 'one-big-parquet', Fields: [{ name: 's', type: 'STRING', length: 1000 }], Options: { ONE_FILE_PER_ITERATION: false } });
    const res = await submit(small.url, 'parquet', { rows: 5000, batches: 30, threads: 2 }, { text: big });
    t.is(res.status, 200, JSON.stringify(res.body));
    const status = await waitForTerminal(small.url, res.body.commandUuid, 180_000);
    t.is(status.status, 'FAILED');
    t.regex(status.comment, /finalize failed: the activity thread ran out of memory \(its heap limit is 64 MB, DATAGEN_THREAD_HEAP_MB\)/);
    await assertHealthy(t, small, 'an out-of-memory finalize');
    const fine = JSON.stringify({ model_name: 'one-small-parquet', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }], Options: { ONE_FILE_PER_ITERATION: false } });
    const next = await submit(small.url, 'parquet', { rows: 10, batches: 3 }, { text: fine });
    const done = await waitForTerminal(small.url, next.body.commandUuid);
    t.is(done.status, 'FINISHED', JSON.stringify(done));
    t.is(done.rowsWritten, 30);
  } finally {
    await small.stop();
  }
});

test.serial('a last attempt that failed while no orchestrator was live fails the command at the next start; its batch is not re-sent', async (t) => {
  const nats = await startTestNats();
  try {
    const first = await startServe({ natsUrl: nats.url, env: { DATAGEN_WORKER_SLOTS: '0' } });
    const res = await submit(first.url, 'json', { rows: 1, batches: 1 }, { text: JSON.stringify({ model_name: 'orphan-failure', Fields: [{ name: 'a', type: 'INTEGER' }] }) });
    for (let i = 0; i < 600 && (await getJson(first.url, `/command/getCommandStatus?commandUuid=${res.body.commandUuid}`)).body.status !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 50));
    await first.stop('SIGKILL');
    // What a worker of another process does while no orchestrator runs: the batch's last attempt fails, is recorded, and its item ends.
    const nc = await connect({ servers: nats.url });
    const item = await (await jetstream(nc).consumers.get(WORK_STREAM, WORK_CONSUMER)).next({ expires: 10_000 });
    t.truthy(item, 'the batch was queued');
    item!.term('last attempt failed');
    await new NatsEventLog(jetstream(nc)).append(res.body.commandUuid, 'batch-failed', { batch: 0, workerId: 'elsewhere/0', error: 'out of memory elsewhere', attempt: 3, final: true });
    await nc.close();
    const second = await startServe({ natsUrl: nats.url, dataDir: first.dataDir, env: { DATAGEN_WORKER_SLOTS: '1' } });
    try {
      const status = await waitForTerminal(second.url, res.body.commandUuid);
      t.is(status.status, 'FAILED');
      t.regex(status.comment, /batch 0 failed after 3 attempts: out of memory elsewhere/);
      const types = await historyTypes(second.url, res.body.commandUuid);
      t.false(types.includes('batch-completed'), 'the failed batch was not run again');
    } finally {
      await second.stop();
    }
  } finally {
    await nats.destroy();
  }
});

test.serial('a batch over its time budget has its thread stopped and replaced; after its attempts the command is FAILED saying so', async (t) => {
  // 3,000,000 rows of 100 characters take seconds to generate on any machine, against a budget of 1 s; unsharded,
  // so the one work item is the whole batch (its shards would each fit in the budget).
  const timed = await startServe({ env: { DATAGEN_BATCH_TIMEOUT_SECONDS: '1', DATAGEN_WORKER_SLOTS: '1', DATAGEN_SHARD_ROWS: '0' } });
  try {
    const slow = JSON.stringify({ model_name: 'slow-batch', Fields: [{ name: 's', type: 'STRING', length: 100 }] });
    const res = await submit(timed.url, 'json', { rows: 3_000_000, batches: 1 }, { text: slow });
    t.is(res.status, 200, JSON.stringify(res.body));
    const status = await waitForTerminal(timed.url, res.body.commandUuid, 120_000);
    t.is(status.status, 'FAILED');
    t.regex(status.comment, /batch 0 failed after 3 attempts: the batch exceeded its time budget of 1 s \(DATAGEN_BATCH_TIMEOUT_SECONDS\)/);
    await assertHealthy(t, timed, 'batches over their budget');
    const quick = await submit(timed.url, 'json', { rows: 10, batches: 2 }, { text: JSON.stringify({ model_name: 'quick-batch', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }) });
    t.is((await waitForTerminal(timed.url, quick.body.commandUuid)).status, 'FINISHED', 'the replaced thread runs the next batches');
  } finally {
    await timed.stop();
  }
});
