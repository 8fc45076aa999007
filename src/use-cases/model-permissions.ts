/**
 * /model_store/list, /list/*, /add/* and /delete/*: the stored models a caller may use, and a model's access list,
 * read by whoever may use the model and changed by whoever may administer it (model-access.ts).
 */
import { BadRequestError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import type { ModelStore } from '../ports/model-store.js';
import { mayUse, withGrant, type AccessList, type Grant } from '../users/access.js';
import type { Caller } from '../users/user-directory.js';
import { assertCanRecord } from './can-record.js';
import { GROUP_NAME, USER_NAME } from './manage-users.js';
import { administered, effectiveAccess, modelNotStored, usableAccess } from './model-access.js';

/** Names of the stored models the caller may use, sorted. */
export async function listModels(deps: { models: ModelStore }, caller: Caller): Promise<string[]> {
  const names = await deps.models.list();
  if (caller.role === 'admin') return names; // admins use every model: no access list to read
  const accesses = await Promise.all(names.map((name) => deps.models.accessOf(name)));
  return names.filter((_, i) => accesses[i] !== undefined && mayUse(caller, effectiveAccess(accesses[i]!)));
}

/** The access list of a model the caller may use (a model stored without one shows what applies to it). */
export async function modelAccess(deps: { models: ModelStore }, name: string, caller: Caller): Promise<AccessList> {
  return usableAccess(deps.models, caller, name);
}

/** The names a grant takes: user names as /users/add takes them, group names as groups take them. */
const USER = { param: 'user', pattern: USER_NAME, what: 'a user name (1 to 64 letters, digits or . _ @ -)' } as const;
const GROUP = { param: 'group', pattern: GROUP_NAME, what: 'a group name (1 to 64 letters, digits or . _ -)' } as const;
const GRANT_NAME: Record<Grant, typeof USER | typeof GROUP> = { users: USER, adminUsers: USER, groups: GROUP, adminGroups: GROUP };

/** The parameter a grant's name comes in (user or group), checked. */
export function grantName(grant: Grant, value: string | undefined): string {
  const { param, pattern, what } = GRANT_NAME[grant];
  const name = value?.trim() ?? '';
  if (!name) throw new BadRequestError(`parameter ${param} is required`, { parameter: param });
  if (!pattern.test(name)) throw new BadRequestError(`parameter ${param} must be ${what}, got "${name.slice(0, 80)}"`, { parameter: param });
  return name;
}

export const grantParam = (grant: Grant): 'user' | 'group' => GRANT_NAME[grant].param;

/**
 * Adds `name` to (or removes it from) one grant of a model the caller administers: true when the list changed,
 * false when it already was so. The owner stays the owner; a model stored without an access list gets its
 * effective one written out.
 */
export async function changeGrant(
  deps: { models: ModelStore; health: HealthProbe },
  caller: Caller,
  request: { model: string; grant: Grant; name: string; change: 'add' | 'remove' },
): Promise<boolean> {
  assertCanRecord(deps.health);
  const { model, grant, name, change } = request;
  let changed = false;
  const after = await deps.models.changeAccess(model, (current) => {
    const access = administered(caller, model, current);
    const next = withGrant(access, grant, [name], change);
    changed = next[grant].length !== access[grant].length;
    return next;
  });
  if (!after) throw modelNotStored(model);
  return changed;
}
