/**
 * Who may sign in: the users of the configuration (DATAGEN_USERS, DATAGEN_USERS_FILE: seeds, read-only here) and
 * the users stored through /users/* (UserStore, scrypt hashes). The groups "admin", "user" and "viewer" give the roles of
 * the routes; a seed's role is its group. A stored user's verified credentials are remembered for a few minutes as
 * an HMAC under a key of this process, so a client sending Basic credentials on every request pays scrypt once.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { verify as verifySeed, type User, type UserRole } from './configured-users.js';
import type { StoredUser, UserStore } from '../ports/user-store.js';
import { verifyPassword } from './password-hash.js';

/** A signed-in user (or the anonymous admin of an open service), as authorization and the use cases see them. */
export interface Caller {
  name: string;
  role: UserRole;
  groups: string[];
}

const REMEMBER_MS = 5 * 60_000;
const REMEMBERED_MAX = 10_000;
/** How long "are there users at all" is trusted before the store is asked again (another process may add one). */
const ANY_USERS_MS = 2_000;
/** How long that question may take: a frozen NATS must not hold every request of an open service. */
const ANY_USERS_TIMEOUT_MS = 1_000;

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the user store did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/** The largest role the groups give; a user in none of the role groups is a viewer, so no one gains rights by default. */
export const roleOfGroups = (groups: readonly string[]): UserRole => (groups.includes('admin') ? 'admin' : groups.includes('user') ? 'user' : 'viewer');

export class UserDirectory {
  private readonly key = randomBytes(32);
  private readonly remembered = new Map<string, number>();
  private anyStored?: { value: boolean; until: number };

  constructor(
    readonly seeds: User[],
    private readonly store: UserStore,
    private readonly now: () => number = Date.now,
  ) {}

  isSeed(name: string): boolean {
    return this.seeds.some((u) => u.name === name);
  }

  /**
   * Whether callers must sign in: some user exists, configured or stored. While the store cannot answer (NATS down
   * or frozen), the last answer holds, so an open service still routes requests to their own 503s.
   */
  async signInRequired(): Promise<boolean> {
    if (this.seeds.length > 0) return true;
    if (this.anyStored && this.anyStored.until > this.now()) return this.anyStored.value;
    try {
      this.anyStored = { value: await within(this.store.any(), ANY_USERS_TIMEOUT_MS), until: this.now() + ANY_USERS_MS };
    } catch (err) {
      if (!this.anyStored) throw err;
      this.anyStored.until = this.now() + ANY_USERS_MS;
    }
    return this.anyStored.value;
  }

  /** A stored user was added or removed by this process: ask the store again next time. */
  changed(): void {
    this.anyStored = undefined;
  }

  async verify(name: string, password: string): Promise<Caller | undefined> {
    const seed = verifySeed(this.seeds, name, password);
    if (seed) return { name: seed.name, role: seed.role, groups: [seed.role] };
    if (this.isSeed(name)) return undefined;
    const stored = await this.store.get(name);
    if (!stored || !(await this.passwordMatches(stored, password))) return undefined;
    return { name: stored.name, role: roleOfGroups(stored.groups), groups: [...stored.groups] };
  }

  private async passwordMatches(user: StoredUser, password: string): Promise<boolean> {
    const mark = createHmac('sha256', this.key).update(user.name).update('\0').update(password).update('\0').update(user.passwordHash).digest('base64');
    const until = this.remembered.get(mark);
    if (until !== undefined && until > this.now()) return true;
    if (!(await verifyPassword(password, user.passwordHash))) return false;
    if (this.remembered.size >= REMEMBERED_MAX) this.remembered.clear();
    this.remembered.set(mark, this.now() + REMEMBER_MS);
    return true;
  }
}
