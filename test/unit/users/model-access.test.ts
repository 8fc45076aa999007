/** The per-model permission decisions: roles from groups, the access list's rules, what a save keeps, who changes grants. */
import test from 'ava';
import { AppError } from '../../../src/errors.js';
import type { HealthProbe } from '../../../src/health.js';
import { InMemoryModelStore } from '../../../src/memory/memory-model-store.js';
import { parseModelText } from '../../../src/model/parse.js';
import { administered, saveAccess, UNLISTED_ACCESS } from '../../../src/use-cases/model-access.js';
import { changeGrant, grantName, listModels, modelAccess } from '../../../src/use-cases/model-permissions.js';
import { checkUsername } from '../../../src/use-cases/manage-users.js';
import { mayAdminister, mayUse, ownedBy, PUBLIC, type AccessList } from '../../../src/users/access.js';
import { parseUsers } from '../../../src/users/configured-users.js';
import { roleOfGroups, type Caller } from '../../../src/users/user-directory.js';

const admin: Caller = { name: 'root', role: 'admin', groups: ['admin'] };
const ann: Caller = { name: 'ann', role: 'user', groups: ['user', 'team-a'] };
const bob: Caller = { name: 'bob', role: 'user', groups: ['user'] };
const vic: Caller = { name: 'vic', role: 'viewer', groups: ['viewer', 'team-a'] };
const UP: HealthProbe = { isConnected: true, check: async () => ({ status: 'OK' }) as never };

const status = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.status : -1;
  }
  return undefined;
};
const statusOf = async (p: Promise<unknown>): Promise<number | undefined> => p.then(() => undefined, (err) => (err instanceof AppError ? err.status : -1));

const model = (name: string) => parseModelText(JSON.stringify({ model_name: name, Fields: [{ name: 'id', type: 'INCREMENT_INTEGER' }] }), 'test');

test('roles from groups: admin over user over viewer; a user in no role group is a viewer', (t) => {
  t.is(roleOfGroups(['viewer', 'admin', 'user']), 'admin');
  t.is(roleOfGroups(['team', 'user']), 'user');
  t.is(roleOfGroups(['viewer']), 'viewer');
  t.is(roleOfGroups(['team-a']), 'viewer');
  t.is(parseUsers('u:pw:user')[0]!.role, 'user', 'a configured user may have the role user');
});

test('the name "anonymous" (the open service\'s caller, the owner of unlisted models) is nobody\'s', (t) => {
  t.is(status(() => checkUsername('anonymous')), 400);
  t.is(status(() => checkUsername('Anonymous')), 400);
  t.throws(() => parseUsers('anonymous:pw:admin'), { message: /reserved/ });
  t.is(checkUsername('anonymous2'), 'anonymous2');
});

test('the access list: owner, users, groups, admin users and groups; "public" stands for everyone; admins administer all', (t) => {
  const access: AccessList = { owner: 'ann', users: ['vic'], groups: ['team-b'], adminUsers: [], adminGroups: ['team-a'] };
  t.true(mayAdminister(ann, access), 'owner');
  t.true(mayAdminister(vic, access), 'in an admin group');
  t.false(mayAdminister(bob, access));
  t.false(mayUse(bob, access));
  t.true(mayAdminister(admin, access));
  t.true(mayUse(bob, { ...access, groups: [PUBLIC] }));
  t.true(mayUse(bob, { ...access, users: [PUBLIC] }));
  t.false(mayAdminister(bob, { ...access, groups: [PUBLIC] }), 'public use gives no change');
  t.true(mayAdminister(bob, { ...access, adminUsers: [PUBLIC] }));
});

test('a model stored before access lists: every role uses it, only admins change it', (t) => {
  for (const caller of [ann, bob, vic, admin]) t.true(mayUse(caller, UNLISTED_ACCESS), caller.name);
  t.deepEqual([ann, bob, vic, admin].filter((c) => mayAdminister(c, UNLISTED_ACCESS)).map((c) => c.name), ['root']);
  t.is(UNLISTED_ACCESS.owner, 'anonymous');
});

test('what a save keeps: a new name is the caller\'s; a stored one keeps its list for who may change it, else 409', (t) => {
  const granted: AccessList = { ...ownedBy('ann'), users: ['bob'], adminGroups: ['team-a'] };
  t.deepEqual(saveAccess(bob, 'm')(undefined), ownedBy('bob'));
  t.deepEqual(saveAccess(ann, 'm')(granted), granted, 'the owner replaces it, keeping the grants');
  t.deepEqual(saveAccess(vic, 'm')(granted), granted, 'an admin group member too');
  t.deepEqual(saveAccess(admin, 'm')(granted), granted);
  t.is(status(() => saveAccess(bob, 'm')(granted)), 409, 'a user may only use it');
  t.is(status(() => saveAccess(bob, 'm')(null)), 409, 'an unlisted model is the admins\'');
  t.deepEqual(saveAccess(admin, 'm')(null), UNLISTED_ACCESS, 'an admin keeps what applied');
  t.throws(() => saveAccess(bob, 'orders')(ownedBy('ann')), { message: /a model named "orders" is already stored and user bob may not replace it/ });
});

test('changing a model: 404 for whoever may not use it, 403 for whoever may only use it', (t) => {
  const access: AccessList = { ...ownedBy('ann'), users: ['bob'] };
  t.is(status(() => administered(vic, 'm', access)), 404);
  t.is(status(() => administered(bob, 'm', access)), 403);
  t.deepEqual(administered(ann, 'm', access), access);
  t.deepEqual(administered(admin, 'm', null), UNLISTED_ACCESS);
});

test('listing shows the models the caller may use; grants change only by who administers; names are checked', async (t) => {
  const models = new InMemoryModelStore();
  const deps = { models, health: UP };
  await models.save(model('ann-model'), () => ownedBy('ann'));
  await models.save(model('bob-model'), () => ownedBy('bob'));
  t.deepEqual(await listModels(deps, ann), ['ann-model']);
  t.deepEqual(await listModels(deps, admin), ['ann-model', 'bob-model']);
  t.deepEqual(await listModels(deps, vic), []);

  t.true(await changeGrant(deps, ann, { model: 'ann-model', grant: 'groups', name: 'team-a', change: 'add' }));
  t.false(await changeGrant(deps, ann, { model: 'ann-model', grant: 'groups', name: 'team-a', change: 'add' }), 'already granted');
  t.deepEqual(await listModels(deps, vic), ['ann-model'], 'a viewer in team-a now sees it');
  t.is((await modelAccess(deps, 'ann-model', vic)).owner, 'ann');
  t.is(await statusOf(changeGrant(deps, vic, { model: 'ann-model', grant: 'users', name: 'vic', change: 'add' })), 403);
  t.is(await statusOf(changeGrant(deps, bob, { model: 'ann-model', grant: 'adminUsers', name: 'bob', change: 'add' })), 404);
  t.is(await statusOf(changeGrant(deps, admin, { model: 'nowhere', grant: 'users', name: 'bob', change: 'add' })), 404);
  t.true(await changeGrant(deps, admin, { model: 'ann-model', grant: 'groups', name: 'team-a', change: 'remove' }));
  t.deepEqual(await models.accessOf('ann-model'), ownedBy('ann'));
  t.is(await statusOf(modelAccess(deps, 'ann-model', vic)), 404);

  t.is(grantName('users', ' bob '), 'bob');
  t.is(status(() => grantName('groups', 'a b')), 400);
  t.throws(() => grantName('adminUsers', undefined), { message: 'parameter user is required' });
  t.throws(() => grantName('adminGroups', '../x'), { message: /^parameter group must be a group name/ });
});
