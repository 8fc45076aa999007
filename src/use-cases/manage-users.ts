/**
 * /users/*: stored users with their groups (the groups "admin", "user" and "viewer" give the roles). Configured users
 * (DATAGEN_USERS, DATAGEN_USERS_FILE) are read-only here. Nothing may lock everyone out: while no user exists the
 * first one must be an admin, and the last stored admin cannot be deleted when no configured admin exists.
 */
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import type { StoredUser, UserStore } from '../ports/user-store.js';
import { hashPassword } from '../users/password-hash.js';
import { roleOfGroups, type Caller, type UserDirectory } from '../users/user-directory.js';

export interface ManageUsersDeps {
  users: UserDirectory;
  store: UserStore;
}

/** What /users/list answers per user, as the original did (the hash never leaves the store). */
export interface ListedUser {
  username: string;
  groups: string[];
  passwordEncoded: '';
  /** Configured in DATAGEN_USERS / DATAGEN_USERS_FILE: changed there, not here. */
  configured: boolean;
}

export const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
export const GROUP_NAME = /^[A-Za-z0-9._-]{1,64}$/;
/** The open service's caller, and the owner of models stored before access lists (model-access.ts): no one signs in as it. */
const RESERVED_NAME = 'anonymous';
const MAX_GROUPS = 100;
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 1024;

export function checkUsername(name: string | undefined): string {
  const n = name?.trim() ?? '';
  if (!USER_NAME.test(n)) throw new BadRequestError('parameter username must be 1 to 64 letters, digits or . _ @ -', { parameter: 'username' });
  if (n.toLowerCase() === RESERVED_NAME) throw new BadRequestError(`parameter username: "${n}" is reserved (the caller of an open service, and the owner of models stored without one)`, { parameter: 'username' });
  return n;
}

function checkPassword(password: string | undefined): string {
  if (password === undefined || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
    throw new BadRequestError(`parameter password must have ${MIN_PASSWORD} to ${MAX_PASSWORD} characters`, { parameter: 'password' });
  }
  return password;
}

/** Groups given repeated or comma-separated; each a name of letters, digits or . _ -. */
export function checkGroups(values: string[]): string[] {
  const groups = [...new Set(values.flatMap((v) => v.split(',')).map((g) => g.trim()).filter(Boolean))];
  const bad = groups.find((g) => !GROUP_NAME.test(g));
  if (bad !== undefined) throw new BadRequestError(`parameter groups: "${bad.slice(0, 80)}" is not a group name (1 to 64 letters, digits or . _ -)`, { parameter: 'groups' });
  if (groups.length > MAX_GROUPS) throw new BadRequestError(`parameter groups: at most ${MAX_GROUPS} groups`, { parameter: 'groups' });
  return groups;
}

function notConfigured(deps: ManageUsersDeps, name: string): void {
  if (deps.users.isSeed(name)) throw new BadRequestError(`user ${name} is configured (DATAGEN_USERS or DATAGEN_USERS_FILE): change it there`, { parameter: 'username' });
}

async function existing(deps: ManageUsersDeps, name: string): Promise<StoredUser> {
  const user = await deps.store.get(name);
  if (!user) throw new NotFoundError(`no stored user ${name}`);
  return user;
}

export async function listUsers(deps: ManageUsersDeps): Promise<ListedUser[]> {
  const configured = deps.users.seeds.map((u) => ({ username: u.name, groups: [u.role], passwordEncoded: '' as const, configured: true }));
  const stored = (await deps.store.list()).map((u) => ({ username: u.name, groups: u.groups, passwordEncoded: '' as const, configured: false }));
  return [...configured, ...stored];
}

export async function addUser(deps: ManageUsersDeps, input: { username?: string; password?: string; groups: string[] }): Promise<true> {
  const name = checkUsername(input.username);
  const password = checkPassword(input.password);
  const groups = checkGroups(input.groups);
  notConfigured(deps, name);
  if (await deps.store.get(name)) throw new ConflictError(`user ${name} exists; use /users/add_groups or /users/update_password`);
  if (!(await deps.users.signInRequired()) && roleOfGroups(groups) !== 'admin') {
    throw new BadRequestError('the first user must be in group admin: from then on every request signs in, and nobody could administer the service', { parameter: 'groups' });
  }
  await deps.store.put({ name, groups: groups.length ? groups : ['viewer'], passwordHash: await hashPassword(password) });
  deps.users.changed();
  return true;
}

export async function addGroups(deps: ManageUsersDeps, input: { username?: string; groups: string[] }): Promise<true> {
  const name = checkUsername(input.username);
  const groups = checkGroups(input.groups);
  if (groups.length === 0) throw new BadRequestError('parameter groups is required: the groups to add', { parameter: 'groups' });
  notConfigured(deps, name);
  const user = await existing(deps, name);
  const merged = checkGroups([...user.groups, ...groups]);
  await deps.store.put({ ...user, groups: merged });
  return true;
}

/** An admin changes anyone's password; any other signed-in user only their own. */
export async function updatePassword(deps: ManageUsersDeps, caller: Caller, input: { username?: string; password?: string }): Promise<true> {
  const name = checkUsername(input.username);
  const password = checkPassword(input.password);
  if (caller.role !== 'admin' && caller.name !== name) throw new ForbiddenError(`user ${caller.name} may change only their own password`);
  notConfigured(deps, name);
  const user = await existing(deps, name);
  await deps.store.put({ ...user, passwordHash: await hashPassword(password) });
  return true;
}

export async function deleteUser(deps: ManageUsersDeps, input: { username?: string }): Promise<boolean> {
  const name = checkUsername(input.username);
  notConfigured(deps, name);
  const user = await deps.store.get(name);
  if (!user) return false;
  if (roleOfGroups(user.groups) === 'admin' && !deps.users.seeds.some((u) => u.role === 'admin')) {
    const admins = (await deps.store.list()).filter((u) => roleOfGroups(u.groups) === 'admin');
    if (admins.length <= 1) throw new BadRequestError(`user ${name} is the last admin: add another admin first, or nobody could administer the service`, { parameter: 'username' });
  }
  const deleted = await deps.store.delete(name);
  deps.users.changed();
  return deleted;
}
