/**
 * A request body must be one the operation declares in /openapi.json: a body where none is read, or in a media
 * type the route does not parse, is a 415 saying what the route accepts (never silently ignored), and nothing is
 * recorded. Declared bodies keep working.
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe({ env: { DATAGEN_WORKER_SLOTS: '0' } });
});
test.after.always(async () => {
  await svc?.stop();
});

async function post(path: string, body: string | FormData | undefined, type?: string) {
  const res = await fetch(`${svc.url}${path}`, { method: 'POST', body, headers: type ? { 'content-type': type } : {} });
  return { status: res.status, body: (await res.json()) as { error: string; code?: string; details?: { accepted?: string[] } } };
}

const commands = async () => ((await (await fetch(`${svc.url}/command/getAll`)).json()) as unknown[]).length;

const undeclared: Array<[string, string, string]> = [
  ['/admin/replay', '{"x":1}', 'application/json'],
  ['/api/v1/admin/replay', '<replay/>', 'application/xml'],
  ['/command/getAll', 'status=FINISHED', 'application/x-www-form-urlencoded'],
  ['/datagen/json', '<model/>', 'application/xml'],
  ['/datagen/json', 'rows=1', 'text/plain'],
  ['/model_store/add', '{"model_name":"x","Fields":[{"name":"a","type":"STRING"}]}', 'application/json'],
  ['/command/getCommandStatus', 'commandUuid', 'text/csv'],
  ['/datagen/dataset', 'commands=x', 'application/x-www-form-urlencoded'],
];

for (const [path, body, type] of undeclared) {
  test.serial(`POST ${path} with a ${type} body it does not declare: 415 naming what it accepts`, async (t) => {
    const before = await commands();
    const res = await post(path, body, type);
    t.is(res.status, 415, JSON.stringify(res.body));
    t.is(res.body.code, 'UNSUPPORTED_MEDIA_TYPE');
    t.regex(res.body.error, /takes no request body|reads a body of type/);
    t.is(await commands(), before, 'nothing recorded');
  });
}

test.serial('declared bodies and no body keep working', async (t) => {
  t.is((await post('/admin/replay', undefined)).status, 200);
  t.is((await post('/command/getAll', undefined)).status, 200);
  const form = new FormData();
  form.set('model_file', new Blob([JSON.stringify({ model_name: 'bodies', Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] })], { type: 'application/json' }), 'm.json');
  t.is((await post('/model/test', form)).status, 200);
  const res = await post('/datagen/json', new URLSearchParams({ model: 'example-model', rows: '1', batches: '1' }).toString(), 'application/x-www-form-urlencoded');
  t.is(res.status, 200, JSON.stringify(res.body));
  const json = await post('/command/getCommandStatus', JSON.stringify({ commandUuid: '00000000-0000-4000-8000-000000000000' }), 'application/json');
  t.is(json.status, 404, 'a declared JSON body is read: the uuid in it was looked up');
});

test.serial('a JSON body parameter must be one value: null, a list or an object (but for extraProperties) is a 400 naming it', async (t) => {
  for (const [body, shape] of [['{"status":[null,null]}', 'a list'], ['{"status":null}', 'null'], ['{"status":{"a":1}}', 'an object']] as const) {
    const res = await post('/command/getByStatus?status=QUEUED', body, 'application/json');
    t.is(res.status, 400, body);
    t.is(res.body.error, `parameter status must be a single text, number or boolean value, got ${shape}`);
  }
  t.is((await post('/command/getByStatus', '{"status":"QUEUED"}', 'application/json')).status, 200);
});
