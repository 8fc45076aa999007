/**
 * Users and roles from configuration (DATAGEN_USERS, DATAGEN_USERS_FILE), and the check of a name and password
 * against them: admin may do everything; user may submit commands, add models and change those they administer,
 * and use the models they may (src/users/access.ts); viewer may only read (the roles each route needs are in
 * src/api/route-roles.ts). With no user at all, the service is open but listens on loopback only (see roles.ts).
 */
import { readFileSync } from 'node:fs';
import { timingSafeEqual, createHash } from 'node:crypto';
import type { UserSources } from '../config.js';

export type UserRole = 'admin' | 'user' | 'viewer';
export interface User {
  name: string;
  password: string;
  role: UserRole;
}

const ROLES: UserRole[] = ['admin', 'user', 'viewer'];

/** "name:password:role,name2:password2:role2" (the password may not contain ':' or ','; use the file form then). */
export function parseUsers(spec: string, source = 'DATAGEN_USERS'): User[] {
  return spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry, i) => {
      const parts = entry.split(':');
      if (parts.length !== 3 || !parts[0] || !parts[1]) throw new Error(`${source} entry ${i + 1} must be name:password:role`);
      return toUser({ name: parts[0], password: parts[1], role: parts[2] }, `${source} entry ${i + 1}`);
    });
}

function toUser(raw: { name?: unknown; password?: unknown; role?: unknown }, where: string): User {
  const role = String(raw.role ?? '').toLowerCase();
  if (!ROLES.includes(role as UserRole)) throw new Error(`${where}: role "${raw.role}" must be one of ${ROLES.join(', ')}`);
  if (typeof raw.name !== 'string' || !raw.name || typeof raw.password !== 'string' || !raw.password) throw new Error(`${where}: name and password are required`);
  // The open service's caller and the owner of models stored without an access list (use-cases/model-access.ts).
  if (raw.name.toLowerCase() === 'anonymous') throw new Error(`${where}: the name "anonymous" is reserved`);
  return { name: raw.name, password: raw.password, role: role as UserRole };
}

/** Users from DATAGEN_USERS, and from DATAGEN_USERS_FILE (a JSON array of {name, password, role}). */
export function loadUsers(sources: UserSources): User[] {
  const users = sources.list ? parseUsers(sources.list) : [];
  if (sources.file) {
    const list = JSON.parse(readFileSync(sources.file, 'utf8')) as unknown[];
    if (!Array.isArray(list)) throw new Error(`DATAGEN_USERS_FILE ${sources.file} must hold a JSON array`);
    list.forEach((u, i) => users.push(toUser(u as Record<string, unknown>, `${sources.file}[${i}]`)));
  }
  return users;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** The user these credentials are, if any. */
export function verify(users: User[], name: string, password: string): User | undefined {
  // Compare digests in constant time, and always do the work, so timing tells nothing.
  let found: User | undefined;
  for (const u of users) {
    const ok = timingSafeEqual(digest(u.name), digest(name)) && timingSafeEqual(digest(u.password), digest(password));
    if (ok) found = u;
  }
  return found;
}
