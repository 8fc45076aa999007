/**
 * The OpenAPI document against the real service: a valid OpenAPI 3.1 document, every route the Koa app
 * registers described (and nothing else), real responses conforming to the documented schemas, the documented
 * roles enforced, and the interactive page (Swagger UI from node_modules) loading and calling the service.
 */
import test, { type ExecutionContext } from 'ava';
import { Validator } from '@seriousme/openapi-schema-validator';
import _Ajv2020 from 'ajv/dist/2020.js';
import _addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium } from 'playwright-core';
import { createApp } from '../../src/api/app.js';
import type { ApiDeps } from '../../src/api/deps.js';
import { loadConfig } from '../../src/config.js';
import { availableSinks } from '../../src/sinks/registry.js';
import { startServe, submit, waitForTerminal, type ServiceProcess } from '../helpers/service-process.js';
import { InMemoryUserStore } from '../../src/memory/memory-user-store.js';
import { UserDirectory } from '../../src/users/user-directory.js';

const Ajv2020 = _Ajv2020 as unknown as typeof _Ajv2020.default;
const addFormats = _addFormats as unknown as typeof _addFormats.default;

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'head', 'options', 'trace'] as const;
const PREFIX = '/api/v1';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const MODEL = {
  model_name: 'openapi-model',
  Fields: [
    { name: 'id', type: 'INCREMENT_INTEGER' },
    { name: 'name', type: 'STRING', length: 6 },
    { name: 'hidden', type: 'INTEGER', min: 1, max: 9, ghost: true },
  ],
};

let svc: ServiceProcess;
let secured: ServiceProcess;
let doc: Json;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

test.before(async () => {
  [svc, secured] = await Promise.all([
    startServe(),
    startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin,watcher:watcher-pw:viewer' } }),
  ]);
  const res = await fetch(`${svc.url}/openapi.json`);
  doc = (await res.json()) as Json;
  ajv.addSchema(doc, 'openapi');
});

test.after.always(async () => {
  await Promise.all([svc?.stop(), secured?.stop()]);
});

/** Every operation of the document, with its path template. */
function operations(): Array<{ path: string; method: string; op: Json; pathItem: Json }> {
  return Object.entries(doc.paths as Record<string, Json>).flatMap(([p, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ path: p, method: m, op: item[m] as Json, pathItem: item })),
  );
}

/** The operation a concrete request path (with or without /api/v1) maps to. */
function operationFor(method: string, urlPath: string): Json | undefined {
  const p = urlPath.split('?')[0];
  const candidates = [p, ...(p.startsWith(`${PREFIX}/`) ? [p.slice(PREFIX.length)] : [])];
  for (const candidate of candidates) {
    if (doc.paths[candidate]?.[method]) return doc.paths[candidate][method];
  }
  for (const candidate of candidates) {
    for (const [template, item] of Object.entries(doc.paths as Record<string, Json>)) {
      if (!template.includes('{') || !item[method]) continue;
      const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      if (re.test(candidate)) return item[method];
    }
  }
  return undefined;
}

const deref = (obj: Json): Json => {
  if (!obj?.$ref) return obj;
  const parts = (obj.$ref as string).replace(/^#\//, '').split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return parts.reduce((o: Json, k) => o[k], doc);
};

const validators = new Map<string, ReturnType<typeof ajv.compile>>();
function validatorFor(schema: Json) {
  const key = JSON.stringify(schema);
  let v = validators.get(key);
  if (!v) {
    v = ajv.compile(JSON.parse(key.replace(/"#\/components\//g, '"openapi#/components/')));
    validators.set(key, v);
  }
  return v;
}

interface Answer {
  status: number;
  type: string;
  text: string;
  body: any;
}

async function call(base: string, method: string, urlPath: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${urlPath}`, { ...init, method: method.toUpperCase() });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  let body: any = text;
  if (type.startsWith('application/json')) body = JSON.parse(text);
  return { status: res.status, type, text, body };
}

/** Asserts that the answer's status and content type are documented for the operation and the body conforms. */
function conforms(t: ExecutionContext, method: string, urlPath: string, answer: Answer, expectedStatus: number): void {
  const where = `${method.toUpperCase()} ${urlPath} → ${answer.status}`;
  t.is(answer.status, expectedStatus, `${where}: ${answer.text.slice(0, 500)}`);
  const op = operationFor(method, urlPath);
  if (!op) return void t.fail(`${where}: no operation in the document`);
  const documented = op.responses[String(answer.status)];
  if (!documented) return void t.fail(`${where}: status not documented (documented: ${Object.keys(op.responses).join(', ')})`);
  const response = deref(documented);
  const base = answer.type.split(';')[0].trim();
  const mediaKey = Object.keys(response.content ?? {}).find((k) => k.split(';')[0].trim() === base);
  if (!mediaKey) return void t.fail(`${where}: content type ${answer.type} not documented (${Object.keys(response.content ?? {}).join(', ')})`);
  const schema = response.content[mediaKey].schema as Json;
  const validate = validatorFor(schema);
  const ok = validate(answer.body);
  t.true(ok, `${where}: body does not match the documented schema: ${ajv.errorsText(validate.errors)}\n${answer.text.slice(0, 1000)}`);
}

/** Polls getCommandStatus (with credentials) until the command is terminal. */
async function terminalStatus(base: string, uuid: string, headers: Record<string, string>): Promise<Json> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = (await (await fetch(`${base}/command/getCommandStatus?commandUuid=${uuid}`, { headers })).json()) as Json;
    if (['FINISHED', 'FAILED', 'CANCELLED'].includes(status.status) || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 50));
  }
}

const form = (fields: Record<string, string>, model?: unknown) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (model) f.set('model_file', new Blob([JSON.stringify(model)], { type: 'application/json' }), 'model.json');
  return f;
};

test('the document is valid OpenAPI 3.1, with every $ref resolving, at both prefixes', async (t) => {
  const validator = new Validator();
  const result = await validator.validate(doc);
  t.true(result.valid, JSON.stringify(result.errors, null, 2));
  t.is(validator.version, '3.1');
  t.is(doc.openapi, '3.1.0');
  t.deepEqual(doc.servers.map((s: Json) => s.url), ['/', '/api/v1']);
  const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
  for (const r of new Set(refs)) t.truthy(deref({ $ref: JSON.parse(`{${r}}`).$ref }), `${r} does not resolve`);
  const ids = operations().map((o) => o.op.operationId);
  t.is(new Set(ids).size, ids.length, 'operationIds are unique');

  const prefixed = await call(svc.url, 'get', `${PREFIX}/openapi.json`);
  t.is(prefixed.status, 200);
  t.deepEqual(prefixed.body, doc);
  t.deepEqual(doc.components.schemas.ServiceName.enum, availableSinks(), 'the service enum is the registry\'s sinks');

  // The schema checks below can fail: a wrong shape is rejected.
  const statusView = validatorFor({ $ref: '#/components/schemas/StatusView' });
  t.false(statusView({ commandUuid: randomUUID(), status: 'DONE' }));
  const error = validatorFor({ $ref: '#/components/schemas/Error' });
  t.true(error({ commandUuid: '', error: 'x', code: 'BAD_REQUEST' }));
  t.false(error({ commandUuid: 'x', error: 'x', code: 'BAD_REQUEST' }));
});

test('every route registered in the Koa app is in the document, and every documented operation is a route', (t) => {
  const app = createApp({ config: { ...loadConfig({}), maxUploadBytes: 1024 }, log: pino({ level: 'silent' }), users: new UserDirectory([], new InMemoryUserStore()) } as unknown as ApiDeps);
  const registered = new Set<string>();
  for (const mw of app.middleware as Array<{ router?: { stack: Array<{ path: string; methods: string[] }> } }>) {
    for (const layer of mw.router?.stack ?? []) {
      for (const m of layer.methods.filter((x) => x !== 'HEAD')) registered.add(`${m.toLowerCase()} ${layer.path}`);
    }
  }
  t.true(registered.size > 40, `found ${registered.size} routes`);
  const toTemplate = (p: string) => p.replace(/:(\w+)/g, '{$1}').replace(/\*(\w+)/g, '{$1}');
  const documented = new Set(operations().map((o) => `${o.method} ${o.path}`));
  for (const route of registered) {
    const [method, p] = route.split(' ');
    const unprefixed = p.startsWith(`${PREFIX}/`) ? p.slice(PREFIX.length) : p;
    t.true(documented.has(`${method} ${toTemplate(unprefixed)}`), `${route} is not in the document`);
  }
  for (const { method, path: p, pathItem } of operations()) {
    const servers: string[] = (pathItem.servers ?? doc.servers).map((s: Json) => s.url);
    for (const server of servers) {
      const full = server === '/' ? p : `${server}${p}`;
      const route = `${method} ${full}`;
      t.true([...registered].some((r) => toTemplate(r) === route), `${route} is documented but not registered`);
    }
  }
});

test.serial('real responses conform to the documented schemas', async (t) => {
  const url = svc.url;
  const submitted = await call(url, 'post', '/datagen/json', { body: form({ rows: '3', batches: '2', seed: '7', extraProperties: '{"KAFKA_BROKERS":"b:9092"}' }, MODEL) });
  conforms(t, 'post', '/datagen/json', submitted, 200);
  const uuid = submitted.body.commandUuid as string;
  await waitForTerminal(url, uuid);

  conforms(t, 'post', `/command/getCommandStatus?commandUuid=${uuid}`, await call(url, 'post', `/command/getCommandStatus?commandUuid=${uuid}`), 200);
  conforms(t, 'get', `${PREFIX}/command/getCommandStatus?commandUuid=${uuid}`, await call(url, 'get', `${PREFIX}/command/getCommandStatus?commandUuid=${uuid}`), 200);
  const byForm = await call(url, 'post', '/command/getCommandStatus', { body: new URLSearchParams({ commandUuid: uuid }) });
  conforms(t, 'post', '/command/getCommandStatus', byForm, 200);
  t.is(byForm.body.status, 'FINISHED');
  conforms(t, 'post', `/command/get?commandUuid=${uuid}`, await call(url, 'post', `/command/get?commandUuid=${uuid}`), 200);
  conforms(t, 'get', '/command/getAll', await call(url, 'get', '/command/getAll'), 200);
  conforms(t, 'post', '/command/getByStatus?status=finished', await call(url, 'post', '/command/getByStatus?status=finished'), 200);
  const history = await call(url, 'get', `/command/history?commandUuid=${uuid}`);
  conforms(t, 'get', '/command/history', history, 200);
  const firstSeq = history.body.events[0].seq as number;
  const asOf = await call(url, 'get', `/command/get?commandUuid=${uuid}&asOfSeq=${firstSeq}`);
  conforms(t, 'get', '/command/get', asOf, 200);
  t.is(asOf.body.status, 'QUEUED');

  const sse = await fetch(`${url}/command/events?commandUuid=${uuid}`);
  t.is(sse.status, 200);
  t.true(Object.keys(deref(operationFor('get', '/command/events')!.responses['200']).content).includes(sse.headers.get('content-type')!.split(';')[0]));
  const liveEvent = validatorFor({ $ref: '#/components/schemas/LiveEvent' });
  const dataLines = (await sse.text()).split('\n').filter((l) => l.startsWith('data: '));
  t.true(dataLines.length >= 5);
  for (const line of dataLines) t.true(liveEvent(JSON.parse(line.slice(6))), `${line}: ${ajv.errorsText(liveEvent.errors)}`);

  // Errors.
  conforms(t, 'post', '/command/getByStatus?status=NOPE', await call(url, 'post', '/command/getByStatus?status=NOPE'), 400);
  conforms(t, 'get', '/command/getCommandStatus?commandUuid=nope', await call(url, 'get', '/command/getCommandStatus?commandUuid=nope'), 400);
  const missing = randomUUID();
  conforms(t, 'post', `/command/getCommandStatus?commandUuid=${missing}`, await call(url, 'post', `/command/getCommandStatus?commandUuid=${missing}`), 404);
  conforms(t, 'get', `/command/history?commandUuid=${missing}`, await call(url, 'get', `/command/history?commandUuid=${missing}`), 404);
  conforms(t, 'post', `/command/cancel?commandUuid=${uuid}`, await call(url, 'post', `/command/cancel?commandUuid=${uuid}`), 409);
  conforms(t, 'post', '/datagen/hdfs_orc', await call(url, 'post', '/datagen/hdfs_orc', { body: form({}, MODEL) }), 400);
  conforms(t, 'post', '/datagen/json', await call(url, 'post', '/datagen/json', { body: form({ rows: 'many' }, MODEL) }), 400);
  const warned = await call(url, 'post', '/datagen/json', { body: form({ rows: '1', batches: '1' }, { ...MODEL, Options: { NOT_AN_OPTION: 'x' } }) });
  conforms(t, 'post', '/datagen/json', warned, 200);
  t.true(warned.body.warnings?.length > 0, 'a model that looks wrong answers warnings');

  // Schedules.
  const schedule = await call(url, 'post', '/datagen/json', { body: new URLSearchParams({ model: 'example-model', rows: '1', batches: '1', delay_between_executions_seconds: '3600' }) });
  conforms(t, 'post', '/datagen/json', schedule, 200);
  const sid = schedule.body.commandUuid as string;
  conforms(t, 'get', '/command/getAllScheduled', await call(url, 'get', '/command/getAllScheduled'), 200);
  conforms(t, 'post', '/command/getScheduled', await call(url, 'post', '/command/getScheduled'), 200);
  conforms(t, 'get', `/command/getCommandStatus?commandUuid=${sid}`, await call(url, 'get', `/command/getCommandStatus?commandUuid=${sid}`), 200);
  conforms(t, 'get', `/command/get?commandUuid=${sid}`, await call(url, 'get', `/command/get?commandUuid=${sid}`), 200);
  conforms(t, 'get', `/command/history?commandUuid=${sid}`, await call(url, 'get', `/command/history?commandUuid=${sid}`), 200);
  conforms(t, 'post', `/command/cancel?commandUuid=${sid}`, await call(url, 'post', `/command/cancel?commandUuid=${sid}`), 400);
  conforms(t, 'post', `/command/removeScheduled?commandUuid=${sid}`, await call(url, 'post', `/command/removeScheduled?commandUuid=${sid}`), 200);
  conforms(t, 'post', `/command/removeScheduled?commandUuid=${missing}`, await call(url, 'post', `/command/removeScheduled?commandUuid=${missing}`), 404);

  // Model store and model test.
  conforms(t, 'post', '/model_store/add', await call(url, 'post', '/model_store/add', { body: form({}, MODEL) }), 200);
  const list = await call(url, 'get', '/model_store/list');
  conforms(t, 'get', '/model_store/list', list, 200);
  t.true(list.body.includes(MODEL.model_name));
  conforms(t, 'get', `/model_store/get?model=${MODEL.model_name}`, await call(url, 'get', `/model_store/get?model=${MODEL.model_name}`), 200);
  conforms(t, 'get', '/model_store/get?model=absent', await call(url, 'get', '/model_store/get?model=absent'), 404);
  conforms(t, 'get', '/model_store/get', await call(url, 'get', '/model_store/get'), 400);
  conforms(t, 'post', '/model/test', await call(url, 'post', '/model/test', { body: form({ seed: '3' }, MODEL) }), 200);
  conforms(t, 'post', '/model/test', await call(url, 'post', '/model/test', { body: form({}) }), 400);
  conforms(t, 'delete', `/model_store/delete?model=${MODEL.model_name}`, await call(url, 'delete', `/model_store/delete?model=${MODEL.model_name}`), 200);

  // Operations, metrics, health, dashboard.
  conforms(t, 'post', '/admin/replay', await call(url, 'post', '/admin/replay'), 200);
  conforms(t, 'get', '/metrics', await call(url, 'get', '/metrics'), 200);
  conforms(t, 'get', `${PREFIX}/metrics/all`, await call(url, 'get', `${PREFIX}/metrics/all`), 200);
  conforms(t, 'get', `${PREFIX}/health/status`, await call(url, 'get', `${PREFIX}/health/status`), 200);
  conforms(t, 'get', '/openapi.json', await call(url, 'get', '/openapi.json'), 200);
  conforms(t, 'get', '/dashboard/services.json', await call(url, 'get', '/dashboard/services.json'), 200);
  conforms(t, 'get', '/api-docs/absent.js', await call(url, 'get', '/api-docs/absent.js'), 404);
});

test('every operation enforces its documented role', async (t) => {
  const basic = (user: string, pw: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pw}`).toString('base64')}` });
  const concrete = (p: string) => p.replace('{service}', 'json').replace('{asset}', 'swagger-ui.css').replace('/js/{path}', '/js/main.js').replace('{path}', 'styles.css');
  const request = async (method: string, urlPath: string, headers: Record<string, string> = {}) => {
    const controller = new AbortController();
    const res = await fetch(`${secured.url}${urlPath}`, { method: method.toUpperCase(), headers, signal: controller.signal });
    controller.abort(); // the event stream without commandUuid never ends by itself
    return res.status;
  };
  let checked = 0;
  for (const { method, path: p, op, pathItem } of operations()) {
    const role = op['x-required-role'];
    t.true(['public', 'viewer', 'user', 'admin'].includes(role), `${method} ${p} has x-required-role`);
    t.is(role === 'public', Array.isArray(op.security) && op.security.length === 0, `${method} ${p}: public operations, and only they, have security []`);
    const servers: string[] = (pathItem.servers ?? doc.servers).map((s: Json) => s.url);
    for (const server of servers) {
      const urlPath = `${server === '/' ? '' : server}${concrete(p)}`;
      const anonymous = await request(method, urlPath);
      if (role === 'public') t.is(anonymous, 200, `${method} ${urlPath} is public`);
      else t.is(anonymous, 401, `${method} ${urlPath} needs credentials`);
      if (role === 'admin' || role === 'user') t.is(await request(method, urlPath, basic('watcher', 'watcher-pw')), 403, `${method} ${urlPath} is not a viewer's`);
      else t.false([401, 403].includes(await request(method, urlPath, basic('watcher', 'watcher-pw'))), `${method} ${urlPath} is open to a viewer`);
      checked++;
    }
  }
  t.true(checked > 40);
});

test('the API page is Swagger UI served by the service, loading the document, at both prefixes', async (t) => {
  for (const prefix of ['', PREFIX]) {
    const page = await call(svc.url, 'get', `${prefix}/api-docs`);
    conforms(t, 'get', `${prefix}/api-docs`, page, 200);
    t.regex(page.type, /^text\/html/);
    const assets = [...page.text.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1]);
    t.true(assets.includes(`${prefix}/api-docs/swagger-ui-bundle.js`), page.text);
    t.true(assets.includes(`${prefix}/api-docs/swagger-ui.css`));
    t.regex(page.text, new RegExp(`data-spec-url="${prefix}/openapi.json"`));
    for (const asset of assets) {
      const res = await fetch(`${svc.url}${asset}`);
      t.is(res.status, 200, asset);
      t.true((await res.arrayBuffer()).byteLength > 0, asset);
      t.regex(res.headers.get('content-type') ?? '', /^(text\/css|text\/javascript|image\/png)/, asset);
    }
    const bundle = await (await fetch(`${svc.url}${prefix}/api-docs/swagger-ui-bundle.js`)).text();
    t.true(bundle.includes('SwaggerUIBundle'));
    t.false(/https?:\/\/(unpkg|cdn|cdnjs)\./.test(page.text), 'no CDN');
  }
});

test('"Try it out" in headless Chromium calls the service on the same origin', async (t) => {
  // CI installs Chromium (.ci/setup.d/chromium.sh): there its absence is a failure, elsewhere the test is skipped.
  if (!existsSync(CHROMIUM)) return void t.not(process.env.CI, 'true', `no Chromium at ${CHROMIUM}`);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'datagen-openapi-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // The browser's own HTTP Basic credentials: the page, its assets, the document and "Try it out" all use them.
    httpCredentials: { username: 'root', password: 'root-pw' },
  });
  try {
    for (const prefix of [PREFIX, '']) {
      const page = await browser.newPage();
      const calls: string[] = [];
      page.on('request', (r) => calls.push(r.url()));
      await page.goto(`${secured.url}${prefix}/api-docs`);
      const op = page.locator('#operations-health-health');
      await op.waitFor({ timeout: 30_000 });
      await op.locator('.opblock-summary').click();
      await op.locator('button.execute').click();
      const code = op.locator('.live-responses-table .response .response-col_status').first();
      await code.waitFor({ timeout: 30_000 });
      t.is((await code.innerText()).trim(), '200');
      t.regex(await op.locator('.live-responses-table').first().innerText(), /"status": "OK"/);
      t.true(calls.includes(`${secured.url}${prefix}/health/status`), `the page opened under "${prefix}/" calls under it: ${calls.join(', ')}`);
      t.true(calls.every((u) => u.startsWith(`${secured.url}/`) || u.startsWith('data:')), `only the service's origin: ${calls.join(', ')}`);

      const all = page.locator('#operations-commands-getAllCommands');
      await all.locator('.opblock-summary').click();
      await all.locator('button.execute').click();
      const allCode = all.locator('.live-responses-table .response .response-col_status').first();
      await allCode.waitFor({ timeout: 30_000 });
      t.is((await allCode.innerText()).trim(), '200', 'an operation that needs credentials works with the browser\'s');

      // A generation from an uploaded model, with the form as pre-filled (a one-off run of 10 × 2 rows).
      const datagen = page.locator('#operations-generation-datagen');
      await datagen.locator('.opblock-summary').click();
      await datagen.locator('tr[data-property-name="model_file"] input[type=file]').setInputFiles({ name: 'model.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(MODEL)) });
      await datagen.locator('button.execute').click();
      const datagenCode = datagen.locator('.live-responses-table .response .response-col_status').first();
      await datagenCode.waitFor({ timeout: 30_000 });
      const answer = await datagen.locator('.live-responses-table .response-col_description pre').first().innerText();
      t.is((await datagenCode.innerText()).trim(), '200', answer);
      const uuid = /"commandUuid": "([0-9a-f-]{36})"/.exec(answer)?.[1];
      t.truthy(uuid, answer);
      const done = await terminalStatus(secured.url, uuid!, { authorization: `Basic ${Buffer.from('root:root-pw').toString('base64')}` });
      t.like(done, { status: 'FINISHED', rows: 10, batches: 2, rowsWritten: 20, modelName: MODEL.model_name });
      await page.close();
    }
  } finally {
    await browser.close();
  }
});
