/**
 * /users/* through a real `datagen serve`: stored users with scrypt hashes and groups; the roles the groups give
 * enforced on the routes; no lock-out (the first user an admin, the last admin kept); own-password changes; users
 * kept across a restart; configured users (DATAGEN_USERS) read-only; no password or hash in answers or logs.
 */
import test from 'ava';
import { startServe, type ServiceProcess } from '../helpers/service-process.js';

const ALICE = { username: 'alice', password: 'alice-Secret-1' };
const BOB = { username: 'bob', password: 'bob-Secret-22' };

const basic = (u: { username: string; password: string }) => ({ authorization: `Basic ${Buffer.from(`${u.username}:${u.password}`).toString('base64')}` });

async function call(svc: ServiceProcess, method: string, path: string, body?: Record<string, unknown>, as?: { username: string; password: string }) {
  const res = await fetch(`${svc.url}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(as ? basic(as) : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, body: text ? JSON.parse(text) : undefined };
}

let svc: ServiceProcess;
test.before(async () => {
  svc = await startServe();
});
test.after.always(async () => {
  await svc?.stop();
});

test.serial('an open service takes a first user only in group admin; from then on every request signs in', async (t) => {
  t.deepEqual((await call(svc, 'GET', '/users/list')).body, []);
  const viewerFirst = await call(svc, 'POST', '/users/add', { ...BOB, groups: 'viewer' });
  t.is(viewerFirst.status, 400);
  t.regex(viewerFirst.body.error, /the first user must be in group admin/);
  t.is((await call(svc, 'GET', '/command/getAll')).status, 200, 'still open');

  const added = await call(svc, 'POST', '/api/v1/users/add', { ...ALICE, groups: ['admin'] });
  t.is(added.status, 200, added.text);
  t.is(added.body, true);
  t.is((await call(svc, 'GET', '/command/getAll')).status, 401, 'a user exists: anonymous callers are refused');
  t.is((await call(svc, 'GET', '/command/getAll', undefined, ALICE)).status, 200);
  t.is((await call(svc, 'GET', '/command/getAll', undefined, { ...ALICE, password: 'wrong-password' })).status, 401);
  t.is((await call(svc, 'GET', '/health/status')).status, 200, 'health stays public');
});

test.serial('groups give the roles; a viewer reads, may not administer, and changes only their own password', async (t) => {
  t.is((await call(svc, 'POST', '/users/add', { ...BOB, groups: 'viewer,team-a' }, ALICE)).body, true);
  t.is((await call(svc, 'POST', '/users/add', { ...BOB, groups: 'viewer' }, ALICE)).status, 409, 'the name is taken');
  t.is((await call(svc, 'GET', '/command/getAll', undefined, BOB)).status, 200);
  t.is((await call(svc, 'GET', '/users/list', undefined, BOB)).status, 403);
  t.is((await call(svc, 'POST', '/users/add', { username: 'eve', password: 'eve-Secret-333', groups: 'admin' }, BOB)).status, 403);
  t.is((await call(svc, 'POST', '/users/update_password', { username: 'alice', password: 'taken-over-1' }, BOB)).status, 403);

  const NEW_BOB = { ...BOB, password: 'bob-New-Secret-4' };
  t.is((await call(svc, 'POST', '/users/update_password', { username: 'bob', password: NEW_BOB.password }, BOB)).body, true);
  t.is((await call(svc, 'GET', '/command/getAll', undefined, BOB)).status, 401, 'the old password no longer signs in');
  t.is((await call(svc, 'GET', '/command/getAll', undefined, NEW_BOB)).status, 200);

  t.is((await call(svc, 'POST', '/users/add_groups', { username: 'bob', groups: ['admin'] }, ALICE)).body, true);
  const list = await call(svc, 'GET', '/users/list', undefined, NEW_BOB);
  t.is(list.status, 200, 'bob is an admin now');
  t.deepEqual(list.body, [
    { username: 'alice', groups: ['admin'], passwordEncoded: '', configured: false },
    { username: 'bob', groups: ['viewer', 'team-a', 'admin'], passwordEncoded: '', configured: false },
  ]);
  t.notRegex(list.text, /scrypt|Secret/);
  t.is((await call(svc, 'POST', '/users/add_groups', { username: 'nobody', groups: 'x' }, ALICE)).status, 404);
});

test.serial('bad values are 400s naming the parameter; the last admin cannot be deleted', async (t) => {
  const bad = async (body: Record<string, unknown>, parameter: string) => {
    const res = await call(svc, 'POST', '/users/add', body, ALICE);
    t.is(res.status, 400, JSON.stringify(body));
    t.regex(res.body.error, new RegExp(`parameter ${parameter}`));
  };
  await bad({ username: 'a b', password: 'long-enough-1' }, 'username');
  await bad({ username: '../x', password: 'long-enough-1' }, 'username');
  await bad({ username: 'carol', password: 'short' }, 'password');
  await bad({ username: 'carol', password: 'long-enough-1', groups: 'ok,not ok' }, 'groups');

  const NEW_BOB = { ...BOB, password: 'bob-New-Secret-4' };
  t.is((await call(svc, 'DELETE', '/users/delete?username=alice', undefined, NEW_BOB)).body, true);
  t.is((await call(svc, 'GET', '/command/getAll', undefined, ALICE)).status, 401, 'a deleted user no longer signs in');
  const last = await call(svc, 'DELETE', '/users/delete?username=bob', undefined, NEW_BOB);
  t.is(last.status, 400);
  t.regex(last.body.error, /bob is the last admin/);
  t.is((await call(svc, 'DELETE', '/users/delete?username=nobody', undefined, NEW_BOB)).body, false);
});

test.serial('stored users outlive a restart; no password or hash in the logs', async (t) => {
  const NEW_BOB = { ...BOB, password: 'bob-New-Secret-4' };
  const logs = svc.output();
  for (const secret of [ALICE.password, BOB.password, NEW_BOB.password, 'scrypt$']) t.false(logs.includes(secret), secret);
  await svc.stop();
  svc = await startServe({ dataDir: svc.dataDir });
  t.is((await call(svc, 'GET', '/command/getAll')).status, 401, 'still a signed-in service');
  t.is((await call(svc, 'GET', '/command/getAll', undefined, NEW_BOB)).status, 200);
});

test.serial('configured users are listed, sign in as before, and are read-only here', async (t) => {
  const seeded = await startServe({ env: { DATAGEN_USERS: 'root:root-Secret-9:admin,watch:watch-Secret-9:viewer' } });
  try {
    const ROOT = { username: 'root', password: 'root-Secret-9' };
    const list = await call(seeded, 'GET', '/users/list', undefined, ROOT);
    t.deepEqual(list.body, [
      { username: 'root', groups: ['admin'], passwordEncoded: '', configured: true },
      { username: 'watch', groups: ['viewer'], passwordEncoded: '', configured: true },
    ]);
    const change = await call(seeded, 'POST', '/users/update_password', { username: 'watch', password: 'another-pw-1' }, ROOT);
    t.is(change.status, 400);
    t.regex(change.body.error, /user watch is configured \(DATAGEN_USERS/);
    t.is((await call(seeded, 'POST', '/users/add', { username: 'root', password: 'another-pw-1' }, ROOT)).status, 400);
    t.is((await call(seeded, 'POST', '/users/add', { username: 'dana', password: 'dana-Secret-5', groups: 'viewer' }, ROOT)).body, true, 'a viewer may be the first stored user when a configured admin exists');
    t.is((await call(seeded, 'GET', '/command/getAll', undefined, { username: 'dana', password: 'dana-Secret-5' })).status, 200);
  } finally {
    await seeded.stop();
  }
});
