/**
 * Cross-site requests against real `datagen serve` processes: writes a browser marks as coming from another site
 * are refused (Origin, Sec-Fetch-Site) and record nothing; without users, a Host header off the allow-list is
 * refused on every request (DNS rebinding); CORS headers appear only for the origins DATAGEN_CORS_ORIGINS lists.
 */
import test from 'ava';
import http from 'node:http';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

const model = (name: string) => JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] });
const ADMIN = { authorization: `Basic ${Buffer.from('root:root-pw').toString('base64')}` };

let open: ServiceProcess;
let configured: ServiceProcess;
let secured: ServiceProcess;

test.before(async () => {
  [open, configured, secured] = await Promise.all([
    startServe(),
    startServe({ env: { DATAGEN_ALLOWED_HOSTS: 'datagen.internal', DATAGEN_CORS_ORIGINS: 'http://app.example:8080' } }),
    startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin' } }),
  ]);
});
test.after.always(async () => {
  await Promise.all([open?.stop(), configured?.stop(), secured?.stop()]);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request with exactly these headers (Host included), as a browser or a rebinding page would send it. */
function send(svc: ServiceProcess, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Answer> {
  const url = new URL(svc.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers: { ...(body ? { 'content-length': String(body.length) } : {}), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The state-changing requests a hostile page could send, each a valid request apart from where it comes from. */
async function writes(modelName = 'cross-site'): Promise<Array<{ method: string; path: string; headers: Record<string, string>; body?: Buffer }>> {
  const form = new FormData();
  form.set('rows', '1');
  form.set('batches', '1');
  form.set('model_file', new Blob([model(modelName)], { type: 'application/json' }), 'model.json');
  const multipart = new Request('http://x/', { method: 'POST', body: form });
  const multipartBody = Buffer.from(await multipart.arrayBuffer());
  const multipartType = multipart.headers.get('content-type')!;
  return [
    { method: 'POST', path: '/datagen/json', headers: { 'content-type': multipartType }, body: multipartBody },
    { method: 'POST', path: '/api/v1/datagen/csv', headers: { 'content-type': multipartType }, body: multipartBody },
    { method: 'POST', path: '/datagen/json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from('model=example-model&rows=1&batches=1') },
    { method: 'POST', path: '/datagen/json', headers: { 'content-type': 'text/plain' }, body: Buffer.from('model=example-model') },
    { method: 'POST', path: '/model_store/add', headers: { 'content-type': multipartType }, body: multipartBody },
    { method: 'DELETE', path: '/model_store/delete?model=example-model', headers: {} },
    { method: 'POST', path: '/admin/replay', headers: {} },
    { method: 'POST', path: '/command/removeScheduled?commandUuid=00000000-0000-4000-8000-000000000000', headers: {} },
  ];
}

async function nothingRecorded(t: { is: (a: unknown, b: unknown, m?: string) => void }, svc: ServiceProcess, headers: Record<string, string> = {}) {
  t.is((await send(svc, 'GET', '/command/getAll', headers)).text, '[]', 'no command was queued');
  t.is((await send(svc, 'GET', '/model_store/list', headers)).text, '[]', 'no model was stored');
}

test.serial('writes a browser sends from another site are refused with 403 and record nothing', async (t) => {
  const port = new URL(open.url).port;
  const hostile: Array<Record<string, string>> = [
    { origin: 'http://evil.example' },
    { origin: 'null' },
    { origin: `http://127.0.0.1:${Number(port) + 1}` },
    { origin: `http://localhost:${port}` },
    { origin: `https://127.0.0.1:${port}` },
    { 'sec-fetch-site': 'cross-site' },
    { 'sec-fetch-site': 'same-site' },
    { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'cross-site' },
  ];
  for (const request of await writes()) {
    for (const extra of hostile) {
      const answer = await send(open, request.method, request.path, { ...request.headers, ...extra }, request.body);
      const where = `${request.method} ${request.path} with ${JSON.stringify(extra)}`;
      t.is(answer.status, 403, `${where}: ${answer.text}`);
      t.regex(JSON.parse(answer.text).error, /cross-site .* refused: (its Origin .* is not this service's origin|the browser sent it from another site)/, where);
      t.is(JSON.parse(answer.text).code, 'CROSS_SITE_REQUEST');
      t.is(answer.headers['access-control-allow-origin'], undefined);
    }
  }
  await nothingRecorded(t, open);
  // Reads stay open to any page, but without CORS headers its script cannot read the answer.
  const read = await send(open, 'GET', '/command/getAll', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
  t.is(read.status, 200);
  t.is(read.headers['access-control-allow-origin'], undefined);
  const preflight = await send(open, 'OPTIONS', '/datagen/json', { origin: 'http://evil.example', 'access-control-request-method': 'POST' });
  t.not(preflight.status, 204);
  t.is(preflight.headers['access-control-allow-origin'], undefined);
});

test.serial('the same origin, and clients that are not browsers, are accepted', async (t) => {
  const own = new URL(open.url).origin;
  const accepted: Array<Record<string, string>> = [
    { origin: own, 'sec-fetch-site': 'same-origin' },
    { 'sec-fetch-site': 'none' },
    {},
  ];
  for (const [i, extra] of accepted.entries()) {
    // A model of its own each, so no submission waits for another's output.
    const [multipart] = await writes(`same-origin-${i}`);
    const answer = await send(open, 'POST', multipart.path, { ...multipart.headers, ...extra }, multipart.body);
    t.is(answer.status, 200, `${JSON.stringify(extra)}: ${answer.text}`);
  }
  t.is(JSON.parse((await send(open, 'GET', '/command/getAll')).text).length, accepted.length);
});

test.serial('without users, a Host header off the allow-list is refused on every request (DNS rebinding)', async (t) => {
  const port = new URL(open.url).port;
  const [multipart] = await writes();
  for (const host of ['evil.example', `evil.example:${port}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `datagen.internal:${port}`]) {
    for (const [method, path, headers, body] of [['GET', '/command/getAll', {}], ['GET', '/health/status', {}], ['GET', '/', {}], ['POST', multipart.path, multipart.headers, multipart.body]] as const) {
      const answer = await send(open, method, path, { ...headers, host }, body);
      t.is(answer.status, 421, `${method} ${path} with Host ${host}: ${answer.text}`);
      t.regex(JSON.parse(answer.text).error, /Host ".*" is not a name this service answers to/);
    }
  }
  for (const host of [`localhost:${port}`, `[::1]:${port}`, `127.0.0.1:${port}`, `LOCALHOST:${port}`]) {
    t.is((await send(open, 'GET', '/command/getAll', { host })).status, 200, host);
  }
  t.is(JSON.parse((await send(open, 'GET', '/command/getAll')).text).length, 3, 'the refused POSTs queued nothing (3 from the test before)');
});

test('DATAGEN_ALLOWED_HOSTS adds names; DATAGEN_CORS_ORIGINS opens CORS and writes to exactly its origins', async (t) => {
  const port = new URL(configured.url).port;
  t.is((await send(configured, 'GET', '/command/getAll', { host: `datagen.internal:${port}` })).status, 200);
  t.is((await send(configured, 'GET', '/command/getAll', { host: `other.internal:${port}` })).status, 421);

  const app = 'http://app.example:8080';
  const preflight = await send(configured, 'OPTIONS', '/datagen/json', { origin: app, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' });
  t.is(preflight.status, 204);
  t.is(preflight.headers['access-control-allow-origin'], app);
  t.is(preflight.headers['access-control-allow-credentials'], 'true');
  t.regex(String(preflight.headers['access-control-allow-methods']), /POST/);
  t.regex(String(preflight.headers['access-control-allow-headers']), /Authorization/);
  for (const origin of ['http://evil.example', 'http://app.example', 'https://app.example:8080']) {
    const other = await send(configured, 'OPTIONS', '/datagen/json', { origin, 'access-control-request-method': 'POST' });
    t.is(other.status, 405, origin);
    t.is(other.headers['access-control-allow-origin'], undefined, origin);
  }

  const [multipart] = await writes();
  const fromApp = await send(configured, 'POST', multipart.path, { ...multipart.headers, origin: app, 'sec-fetch-site': 'cross-site' }, multipart.body);
  t.is(fromApp.status, 200, fromApp.text);
  t.is(fromApp.headers['access-control-allow-origin'], app);
  t.regex(String(fromApp.headers.vary), /Origin/);
  const fromEvil = await send(configured, 'POST', multipart.path, { ...multipart.headers, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }, multipart.body);
  t.is(fromEvil.status, 403);
  t.is(fromEvil.headers['access-control-allow-origin'], undefined);
  t.is(JSON.parse((await send(configured, 'GET', '/command/getAll')).text).length, 1);
});

test('with users, cross-site writes are refused even with admin credentials; the Host is not restricted', async (t) => {
  for (const request of await writes()) {
    const answer = await send(secured, request.method, request.path, { ...request.headers, ...ADMIN, origin: 'http://evil.example' }, request.body);
    t.is(answer.status, 403, `${request.method} ${request.path}: ${answer.text}`);
    t.is(JSON.parse(answer.text).code, 'CROSS_SITE_REQUEST');
  }
  await nothingRecorded(t, secured, ADMIN);
  t.is((await send(secured, 'GET', '/command/getAll', { ...ADMIN, host: 'datagen.example.com' })).status, 200);
  t.is((await send(secured, 'GET', '/command/getAll', { host: 'datagen.example.com' })).status, 401);
});
