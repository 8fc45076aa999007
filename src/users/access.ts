/**
 * Who may use and who may change a shared thing (a stored model, a credential): the original's meta of owner,
 * users, groups, admin users and admin groups, decided here once for every kind of thing. Pure: no I/O.
 */
import type { AccessList } from '../ports/access-list.js';
import type { Caller } from './user-directory.js';

// Kept with the stores' ports (src/ports may not import src/users); named here too for the decisions' users.
export type { AccessList };

/** The access list of a thing `owner` just created: only the owner, until they grant more. */
export function ownedBy(owner: string): AccessList {
  return { owner, users: [], groups: [], adminUsers: [], adminGroups: [] };
}

/** The original's entry that stands for everyone, in a list of users or of groups. */
export const PUBLIC = 'public';

const inAny = (caller: Caller, groups: readonly string[]) => groups.includes(PUBLIC) || caller.groups.some((g) => groups.includes(g));
const named = (caller: Caller, users: readonly string[]) => users.includes(PUBLIC) || users.includes(caller.name);

/** The service's admins (role admin) administer everything, as the original's admin users did. */
export function mayAdminister(caller: Caller, access: AccessList): boolean {
  return caller.role === 'admin' || caller.name === access.owner || named(caller, access.adminUsers) || inAny(caller, access.adminGroups);
}

/** Use means read and run with; whoever may change a thing may use it. */
export function mayUse(caller: Caller, access: AccessList): boolean {
  return mayAdminister(caller, access) || named(caller, access.users) || inAny(caller, access.groups);
}

export type Grant = 'users' | 'groups' | 'adminUsers' | 'adminGroups';

/** The list with `names` added to (or removed from) one of its grants; the owner stays the owner. */
export function withGrant(access: AccessList, grant: Grant, names: readonly string[], change: 'add' | 'remove'): AccessList {
  const current = access[grant];
  const next = change === 'add' ? [...new Set([...current, ...names])] : current.filter((n) => !names.includes(n));
  return { ...access, [grant]: next.sort() };
}
