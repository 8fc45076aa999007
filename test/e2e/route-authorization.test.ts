/**
 * Authorization is decided on the route the router chose, against a real `datagen serve` with users: every
 * route of /openapi.json × case variants × trailing slash × with and without /api/v1 × six methods × no
 * credentials / viewer / user / admin. Exact paths answer per their declared role (x-required-role); any other
 * spelling is no route at all (404, or 401 without credentials), so a viewer never reaches an admin route.
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

type Json = Record<string, any>;
type Caller = 'anonymous' | 'viewer' | 'user' | 'admin';
type Role = 'public' | 'viewer' | 'user' | 'admin';

const PREFIX = '/api/v1';
const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'HEAD', 'OPTIONS'];
const CALLERS: Caller[] = ['anonymous', 'viewer', 'user', 'admin'];
const HEADERS: Record<Caller, Record<string, string>> = {
  anonymous: {},
  viewer: { authorization: `Basic ${Buffer.from('watcher:watcher-pw').toString('base64')}` },
  user: { authorization: `Basic ${Buffer.from('worker:worker-pw').toString('base64')}` },
  admin: { authorization: `Basic ${Buffer.from('root:root-pw').toString('base64')}` },
};
/** The routes that only read (or, for /model/test and /model/preview, compute without storing): the only ones a viewer may call. */
const READ_ONLY_POSTS = ['getCommandStatus', 'get', 'getAll', 'getByStatus', 'history', 'getAllScheduled', 'getScheduled'].map((r) => `/command/${r}`).concat('/model/test', '/model/preview');
/** Writes a viewer may make about themselves only, which the use case enforces (test/e2e/users.test.ts). */
const SELF_SERVICE_POSTS = ['/users/update_password'];

let svc: ServiceProcess;
let doc: Json;

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: 'root:root-pw:admin,watcher:watcher-pw:viewer,worker:worker-pw:user' } });
  doc = (await (await fetch(`${svc.url}/openapi.json`, { headers: HEADERS.viewer })).json()) as Json;
});
test.after.always(async () => {
  await svc?.stop();
});

/** Each documented path with a concrete value for its parameters, the servers it is under, and its roles by method. */
function documentedPaths(): Array<{ concrete: string; servers: string[]; roles: Map<string, Role> }> {
  const concrete = (p: string) => p.replace('{commandUuid}', 'not-a-uuid').replace('{service}', 'json').replace('{asset}', 'swagger-ui.css').replace('/js/{path}', '/js/main.js').replace('{path}', 'styles.css');
  return Object.entries(doc.paths as Record<string, Json>).map(([template, item]) => {
    const roles = new Map<string, Role>();
    for (const method of METHODS) {
      const op = item[(method === 'HEAD' ? 'GET' : method).toLowerCase()];
      if (op) roles.set(method, op['x-required-role']);
    }
    const servers = ((item.servers ?? doc.servers) as Json[]).map((s) => (s.url === '/' ? '' : s.url));
    return { concrete: concrete(template), servers, roles };
  });
}

/** Upper, lower and mixed case (every other letter swapped), each with and without a trailing slash. */
function variants(p: string): string[] {
  let n = 0;
  const mixed = p.replace(/[a-z]/gi, (c) => (n++ % 2 ? c : c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()));
  return [p, p.toLowerCase(), p.toUpperCase(), mixed].flatMap((v) => [v, `${v}/`]);
}

interface Answer {
  status: number;
  text: string;
  challenge: string | null;
}

async function request(method: string, urlPath: string, caller: Caller): Promise<Answer> {
  const controller = new AbortController();
  const res = await fetch(`${svc.url}${urlPath}`, { method, headers: HEADERS[caller], signal: controller.signal });
  // The event stream without a command never ends: its status and headers are the answer.
  const text = (res.headers.get('content-type') ?? '').startsWith('text/event-stream') ? '' : await res.text();
  controller.abort();
  return { status: res.status, text, challenge: res.headers.get('www-authenticate') };
}

/** What a caller must get: an exact status, or "anything but an auth refusal or a server error". */
function expectation(caller: Caller, method: string, roles: Map<string, Role> | undefined): number | 'served' {
  if (!roles) return caller === 'anonymous' ? 401 : 404;
  const role = roles.get(method);
  const onlyPublic = [...roles.values()].every((r) => r === 'public');
  if (!role) return caller === 'anonymous' && !onlyPublic ? 401 : 405;
  if (role === 'public' || caller === 'admin') return 'served';
  if (caller === 'anonymous') return 401;
  if (role === 'admin') return 403;
  return role === 'user' && caller === 'viewer' ? 403 : 'served';
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

test.serial('every route × case and slash variants × prefix × method × caller answers per its declared role', async (t) => {
  const exact = new Map<string, Map<string, Role>>();
  const all = new Set<string>();
  for (const { concrete, servers, roles } of documentedPaths()) {
    for (const server of servers) exact.set(`${server}${concrete}`, roles);
    for (const server of ['', PREFIX]) for (const v of variants(`${server}${concrete}`)) all.add(v);
  }
  t.true(exact.size > 40, `${exact.size} documented paths`);
  const cases = [...all].flatMap((p) => METHODS.flatMap((method) => CALLERS.map((caller) => ({ p, method, caller }))));
  const failures: string[] = [];
  const counts: Record<string, number> = {};
  await inBatches(cases, 16, async ({ p, method, caller }) => {
    const expected = expectation(caller, method, exact.get(p));
    const answer = await request(method, p, caller);
    const ok = expected === 'served' ? ![401, 403, 404].includes(answer.status) && answer.status < 500 : answer.status === expected;
    const challenged = answer.status !== 401 || /^Basic realm="datagen"/.test(answer.challenge ?? '');
    if (!ok || !challenged) failures.push(`${caller} ${method} ${p}: expected ${expected}, got ${answer.status} ${answer.text.slice(0, 160)}`);
    counts[answer.status] = (counts[answer.status] ?? 0) + 1;
  });
  t.true(cases.length > 5000, `${cases.length} requests`);
  t.deepEqual(failures.slice(0, 30), [], `${failures.length} wrong answers; statuses seen: ${JSON.stringify(counts)}`);

  // The requests above changed nothing: the admin's writes had no model or no command, the viewer's were refused.
  const commands = await request('GET', '/command/getAll', 'admin');
  t.is(commands.text, '[]');
  t.is((await request('GET', '/model_store/list', 'admin')).text, '[]');
});

test.serial('the spellings of the issue are no route for anyone, and a viewer gets 403 on the exact admin routes', async (t) => {
  const spellings = [
    ['POST', '/Admin/Replay'], ['POST', '/ADMIN/REPLAY'], ['POST', '/admin/replay/'], ['POST', '/API/V1/datagen/json'], ['POST', '/Datagen/json'],
    ['POST', '/command/cancel/'], ['POST', '/command/REMOVESCHEDULED'], ['POST', '/model_store/add/'], ['DELETE', '/Model_Store/Delete?model=m'],
    ['POST', '/api/v1/Admin/replay'], ['POST', '/datagen/json/'], ['POST', '/admin//replay'], ['POST', '/%61dmin/replay'], ['POST', '/admin/replay%2F'],
  ];
  for (const [method, p] of spellings) {
    t.is((await request(method, p, 'viewer')).status, 404, `viewer ${method} ${p}`);
    t.is((await request(method, p, 'admin')).status, 404, `admin ${method} ${p}`);
    t.is((await request(method, p, 'anonymous')).status, 401, `anonymous ${method} ${p}`);
  }
  for (const [method, p] of [['POST', '/admin/replay'], ['POST', '/datagen/json'], ['POST', `${PREFIX}/datagen/kafka`], ['POST', '/datagen/dataset'], ['POST', `${PREFIX}/datagen/dataset`], ['POST', '/command/cancel'], ['POST', '/command/removeScheduled'], ['POST', '/model_store/add'], ['DELETE', '/model_store/delete?model=m']]) {
    const answer = await request(method, p, 'viewer');
    t.is(answer.status, 403, `viewer ${method} ${p}`);
    t.regex(answer.text, /(admin|user) role required/);
  }
});

test.serial('a viewer is refused before the body is read: a malformed or oversized body still answers 403', async (t) => {
  const post = (body: string, type: string) =>
    fetch(`${svc.url}/datagen/json`, { method: 'POST', headers: { ...HEADERS.viewer, 'content-type': type }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
  for (const [body, type] of [['{', 'application/json'], ['%%%', 'application/x-www-form-urlencoded'], ['--x\r\n', 'multipart/form-data; boundary=x'], ['x'.repeat(11 * 1024 * 1024), 'application/json']]) {
    const answer = await post(body, type);
    t.is(answer.status, 403, `${type}: ${answer.text.slice(0, 200)}`);
  }
  t.is((await request('GET', '/command/getAll', 'admin')).text, '[]');
});

test('only reading operations are open to viewers: every other one is declared user or admin', (t) => {
  for (const { concrete, roles } of documentedPaths()) {
    for (const [method, role] of roles) {
      if (role === 'admin' || role === 'user' || method === 'GET' || method === 'HEAD') continue;
      t.true(method === 'POST' && (READ_ONLY_POSTS.includes(concrete) || SELF_SERVICE_POSTS.includes(concrete)), `${method} ${concrete} is declared ${role} but is not a read`);
    }
  }
});
