/**
 * Model permissions through a real `datagen serve` with users: the original's access list (owner, users, groups,
 * admin users, admin groups) enforced on every model route, for an admin, the owner, another user, a viewer and
 * members of granted groups; uploads stored under their model_name with the caller as owner, never over someone
 * else's model (409); /model/test never stores.
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

const USERS = { root: 'root-Secret-1', ann: 'ann-Secret-1', bob: 'bob-Secret-1', vic: 'vic-Secret-1' };
/** Stored users, for groups: cat may change what team-a administers, dan (a viewer) reads what team-a may use. */
const STORED = { cat: { password: 'cat-Secret-1', groups: 'user,team-a' }, dan: { password: 'dan-Secret-1', groups: 'viewer,team-a' } };
type Who = keyof typeof USERS | keyof typeof STORED;
const password = (who: Who) => (who in USERS ? USERS[who as keyof typeof USERS] : STORED[who as keyof typeof STORED].password);
const auth = (who: Who) => ({ authorization: `Basic ${Buffer.from(`${who}:${password(who)}`).toString('base64')}` });

const model = (name: string, field = 'id') => ({ model_name: name, Fields: [{ name: field, type: 'INCREMENT_INTEGER' }] });

let svc: ServiceProcess;

async function call(who: Who, method: string, path: string, body?: FormData | URLSearchParams) {
  const res = await fetch(`${svc.url}${path}`, { method, headers: auth(who), ...(body ? { body } : {}) });
  const text = await res.text();
  let parsed: any = text;
  try { parsed = JSON.parse(text); } catch { /* plain text */ }
  return { status: res.status, body: parsed, text };
}

function form(fields: Record<string, string>, upload?: object): FormData {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  if (upload) f.set('model_file', new Blob([JSON.stringify(upload)], { type: 'application/json' }), 'model.json');
  return f;
}

const add = (who: Who, m: object) => call(who, 'POST', '/model_store/add', form({}, m));
const list = async (who: Who) => (await call(who, 'GET', '/model_store/list')).body as string[];
const get = (who: Who, name: string) => call(who, 'GET', `/model_store/get?model=${name}`);
const run = (who: Who, fields: Record<string, string>, upload?: object) => call(who, 'POST', '/datagen/json', form({ rows: '2', batches: '1', ...fields }, upload));
const grant = (who: Who, verb: 'add' | 'delete', grantPath: string, name: string, param: string, value: string) =>
  call(who, verb === 'add' ? 'POST' : 'DELETE', `/model_store/${verb}/${grantPath}?model=${name}&${param}=${value}`);

async function finished(uuid: string): Promise<string> {
  for (let i = 0; i < 600; i++) {
    const { body } = await call('root', 'POST', `/command/getCommandStatus?commandUuid=${uuid}`);
    if (['FINISHED', 'FAILED', 'CANCELLED'].includes(body.status)) return body.status;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`command ${uuid} never ended`);
}

test.before(async () => {
  svc = await startServe({ env: { DATAGEN_USERS: 'root:root-Secret-1:admin,ann:ann-Secret-1:user,bob:bob-Secret-1:user,vic:vic-Secret-1:viewer' } });
  for (const [name, u] of Object.entries(STORED)) {
    const res = await call('root', 'POST', '/users/add', new URLSearchParams({ username: name, password: u.password, groups: u.groups }));
    if (res.status !== 200) throw new Error(`adding ${name}: ${res.text}`);
  }
});
test.after.always(async () => {
  await svc?.stop();
});

test.serial('an added model is its uploader\'s: listed, read, tested and run only by them (and admins); a viewer may not add', async (t) => {
  t.is((await add('vic', model('vic-model'))).status, 403, 'a viewer adds nothing');
  const added = await add('ann', model('ann-model'));
  t.is(added.status, 200, added.text);
  t.is(added.body, 'ann-model');
  t.is((await call('ann', 'GET', '/model_store/list/owner?model=ann-model')).text, 'ann');
  t.is((await call('root', 'GET', '/api/v1/model_store/list/owner?model=ann-model')).text, 'ann', 'under /api/v1 too');
  for (const who of ['ann', 'root'] as const) {
    t.true((await list(who)).includes('ann-model'), `${who} lists it`);
    t.is((await get(who, 'ann-model')).status, 200, `${who} reads it`);
  }
  for (const who of ['bob', 'vic', 'cat', 'dan'] as const) {
    t.false((await list(who)).includes('ann-model'), `${who} does not list it`);
    const refused = await get(who, 'ann-model');
    t.is(refused.status, 404, `${who} cannot read it`);
    t.regex(refused.body.error, /model "ann-model" is not in the model store/);
    t.is((await call(who, 'GET', '/model_store/list/users?model=ann-model')).status, 404, `${who} cannot read its grants`);
    t.is((await call(who, 'POST', '/model/test', form({ model: 'ann-model' }))).status, 400, `${who} cannot test it`);
    t.is((await call(who, 'GET', '/datagen/api/gen?modelId=ann-model')).status, 400, `${who} cannot take its rows`);
  }
  const bobRun = await run('bob', { model: 'ann-model' });
  t.is(bobRun.status, 400);
  t.regex(bobRun.body.error, /"ann-model" is neither a stored model nor a model file/);
  const annRun = await run('ann', { model: 'ann-model' });
  t.is(annRun.status, 200, annRun.text);
  t.is(await finished(annRun.body.commandUuid), 'FINISHED');
  t.is((await call('ann', 'POST', '/model/test', form({ model: 'ann-model' }))).status, 200);
});

test.serial('the same name uploaded by someone who may not change it is a 409 and overwrites nothing, on every upload route', async (t) => {
  const commandsBefore = (await call('root', 'GET', '/command/getAll')).body.length;
  const stolen = model('ann-model', 'taken');
  for (const [route, answer] of [['/model_store/add', await add('bob', stolen)], ['/datagen/json', await run('bob', {}, stolen)], ['/datagen/api', await call('bob', 'POST', '/datagen/api', form({}, stolen))]] as const) {
    t.is(answer.status, 409, `${route}: ${answer.text}`);
    t.regex(answer.body.error, /a model named "ann-model" is already stored and user bob may not replace it/);
  }
  t.is((await call('root', 'GET', '/command/getAll')).body.length, commandsBefore, 'no command was recorded');
  t.deepEqual((await get('ann', 'ann-model')).body.Fields.map((f: { name: string }) => f.name), ['id'], 'ann\'s model is intact');
  t.is((await call('ann', 'GET', '/model_store/list/owner?model=ann-model')).text, 'ann');
});

test.serial('an upload on /datagen is stored under its model_name with the caller as owner; /model/test never stores', async (t) => {
  const launched = await run('bob', {}, model('bob-model'));
  t.is(launched.status, 200, launched.text);
  t.is(await finished(launched.body.commandUuid), 'FINISHED');
  t.is((await call('bob', 'GET', '/model_store/list/owner?model=bob-model')).text, 'bob');
  t.deepEqual((await list('bob')).sort(), ['bob-model']);
  const again = await run('bob', { model: 'bob-model' });
  t.is(again.status, 200, 'bob runs it by name now');
  t.false((await list('ann')).includes('bob-model'));

  const tested = await call('bob', 'POST', '/model/test', form({}, model('only-tested')));
  t.is(tested.status, 200, tested.text);
  const shadow = await call('bob', 'POST', '/model/test', form({}, model('ann-model', 'shadow')));
  t.is(shadow.status, 200, 'testing an upload named like a stored model it may not change is no 409: nothing is stored');
  t.deepEqual(Object.keys(shadow.body.row), ['shadow']);
  t.false((await list('root')).includes('only-tested'));
  t.deepEqual((await get('ann', 'ann-model')).body.Fields.map((f: { name: string }) => f.name), ['id']);
});

test.serial('grants: the owner gives use to a user and a group; users may use, not change; admin groups change, keeping the owner', async (t) => {
  t.is((await grant('ann', 'add', 'users', 'ann-model', 'user', 'bob')).body, true);
  t.is((await grant('ann', 'add', 'users', 'ann-model', 'user', 'bob')).body, false, 'already granted');
  t.deepEqual((await call('bob', 'GET', '/model_store/list/users?model=ann-model')).body, ['bob']);
  t.true((await list('bob')).includes('ann-model'));
  t.is((await get('bob', 'ann-model')).status, 200);
  t.is((await call('bob', 'POST', '/model/test', form({ model: 'ann-model' }))).status, 200);
  t.is((await run('bob', { model: 'ann-model' })).status, 200, 'a user granted use runs it');

  const bobDelete = await call('bob', 'DELETE', '/model_store/delete?model=ann-model');
  t.is(bobDelete.status, 403);
  t.regex(bobDelete.body.error, /user bob may use model "ann-model" but not change it/);
  t.is((await grant('bob', 'add', 'admin_users', 'ann-model', 'user', 'bob')).status, 403, 'nor grant himself more');
  t.is((await add('bob', model('ann-model', 'x'))).status, 409);

  t.is((await grant('ann', 'add', 'groups', 'ann-model', 'group', 'team-a')).body, true);
  t.is((await get('dan', 'ann-model')).status, 200, 'a viewer in team-a reads it');
  t.is((await call('dan', 'GET', '/datagen/api/gen?modelId=ann-model')).status, 200, 'and takes its rows');
  const danGrant = await grant('dan', 'add', 'users', 'ann-model', 'user', 'vic');
  t.is(danGrant.status, 403);
  t.regex(danGrant.body.error, /dan \(role viewer\).*user role required/);
  t.is((await run('dan', { model: 'ann-model' })).status, 403, 'a viewer runs nothing');
  t.is((await call('cat', 'DELETE', '/model_store/delete?model=ann-model')).status, 403, 'team-a may use it, not change it');

  t.is((await grant('ann', 'add', 'admin_groups', 'ann-model', 'group', 'team-a')).body, true);
  t.deepEqual((await call('dan', 'GET', '/model_store/list/admin_groups?model=ann-model')).body, ['team-a']);
  const replaced = await add('cat', model('ann-model', 'by-cat'));
  t.is(replaced.status, 200, `an admin-group member replaces it: ${replaced.text}`);
  t.deepEqual((await get('ann', 'ann-model')).body.Fields.map((f: { name: string }) => f.name), ['by-cat']);
  t.is((await call('cat', 'GET', '/model_store/list/owner?model=ann-model')).text, 'ann', 'the owner stays');
  t.deepEqual((await call('cat', 'GET', '/model_store/list/users?model=ann-model')).body, ['bob'], 'the grants stay');
  t.is((await grant('cat', 'add', 'admin_users', 'ann-model', 'user', 'bob')).body, true);
  t.deepEqual((await call('ann', 'GET', '/model_store/list/admin_users?model=ann-model')).body, ['bob']);
  t.is((await grant('ann', 'delete', 'admin_users', 'ann-model', 'user', 'bob')).body, true);
  t.is((await grant('ann', 'delete', 'admin_users', 'ann-model', 'user', 'bob')).body, false, 'already gone');
  t.is((await grant('ann', 'delete', 'users', 'ann-model', 'user', 'bob')).body, true);
  t.is((await get('bob', 'ann-model')).status, 404, 'bob lost it');
  t.deepEqual((await call('ann', 'GET', '/model_store/list/groups?model=ann-model')).body, ['team-a']);
});

test.serial('"public" gives everyone use; bad grant parameters are 400s naming them; unknown models 404', async (t) => {
  t.is((await grant('ann', 'add', 'groups', 'ann-model', 'group', 'public')).body, true);
  t.true((await list('vic')).includes('ann-model'));
  t.is((await get('bob', 'ann-model')).status, 200);
  const missing = await call('ann', 'POST', '/model_store/add/users?model=ann-model');
  t.is(missing.status, 400);
  t.regex(missing.body.error, /parameter user is required/);
  const bad = await grant('ann', 'add', 'groups', 'ann-model', 'group', 'a%20b');
  t.is(bad.status, 400);
  t.regex(bad.body.error, /parameter group must be a group name/);
  t.is((await call('ann', 'GET', '/model_store/list/owner')).status, 400);
  t.is((await call('root', 'GET', '/model_store/list/owner?model=nowhere')).status, 404);
  t.is((await grant('root', 'add', 'users', 'nowhere', 'user', 'bob')).status, 404);
});

test.serial('deleting: a model the caller may not see answers false and stays; its owner or an admin deletes it', async (t) => {
  t.false((await call('ann', 'DELETE', '/model_store/delete?model=bob-model')).body);
  t.true((await list('bob')).includes('bob-model'));
  t.true((await call('root', 'DELETE', '/model_store/delete?model=bob-model')).body, 'an admin deletes anyone\'s');
  t.true((await call('ann', 'DELETE', '/model_store/delete?model=ann-model')).body);
  t.deepEqual(await list('root'), []);
});
