/**
 * Who may use and who may change a shared thing (a stored model, a credential): the original's meta of owner,
 * users, groups, admin users and admin groups, decided here once for every kind of thing. Pure: no I/O.
 */
import type { Caller } from './user-directory.js';

export interface AccessList {
  /** The user who created it; always allowed to use and change it. */
  owner: string;
  /** Users and groups allowed to use it (read, run with it). */
  users: string[];
  groups: string[];
  /** Users and groups allowed to change it (edit, delete, grant). */
  adminUsers: string[];
  adminGroups: string[];
}

/** The access list of a thing `owner` just created: only the owner, until they grant more. */
export function ownedBy(owner: string): AccessList {
  return { owner, users: [], groups: [], adminUsers: [], adminGroups: [] };
}

const inAny = (caller: Caller, groups: readonly string[]) => caller.groups.some((g) => groups.includes(g));

/** The service's admins (role admin) administer everything, as the original's admin users did. */
export function mayAdminister(caller: Caller, access: AccessList): boolean {
  return caller.role === 'admin' || caller.name === access.owner || access.adminUsers.includes(caller.name) || inAny(caller, access.adminGroups);
}

/** Use means read and run with; whoever may change a thing may use it. */
export function mayUse(caller: Caller, access: AccessList): boolean {
  return mayAdminister(caller, access) || access.users.includes(caller.name) || inAny(caller, access.groups);
}

export type Grant = 'users' | 'groups' | 'adminUsers' | 'adminGroups';

/** The list with `names` added to (or removed from) one of its grants; the owner stays the owner. */
export function withGrant(access: AccessList, grant: Grant, names: readonly string[], change: 'add' | 'remove'): AccessList {
  const current = access[grant];
  const next = change === 'add' ? [...new Set([...current, ...names])] : current.filter((n) => !names.includes(n));
  return { ...access, [grant]: next.sort() };
}
