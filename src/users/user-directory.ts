/**
 * Who may sign in, asked in this order: the users of the configuration (DATAGEN_USERS, DATAGEN_USERS_FILE: seeds,
 * read-only here), the users stored through /users/* (UserStore, scrypt hashes), then an LDAP directory when one
 * is configured. A name that is an internal user's is decided by the internal user alone, so a directory account
 * can never sign in as (and own the models of) an internal user. The groups "admin", "user" and "viewer" give the
 * roles of the routes; a seed's role is its group. A stored user's verified credentials are remembered for a few
 * minutes (remembered-sign-ins.ts), so a client sending Basic credentials on every request pays scrypt once.
 */
import { verify as verifySeed, type User, type UserRole } from './configured-users.js';
import type { StoredUser, UserStore } from '../ports/user-store.js';
import { verifyPassword } from './password-hash.js';
import { RememberedSignIns } from './remembered-sign-ins.js';

/** A signed-in user (or the anonymous admin of an open service), as authorization and the use cases see them. */
export interface Caller {
  name: string;
  role: UserRole;
  groups: string[];
}

/** A directory of accounts outside this service (LDAP: ldap-sign-in.ts): the caller these credentials are, if any. */
export interface ExternalSignIn {
  verify(name: string, password: string): Promise<Caller | undefined>;
}

const REMEMBER_MS = 5 * 60_000;
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
  private readonly remembered: RememberedSignIns<true>;
  private readonly now: () => number;
  private readonly external?: ExternalSignIn;
  private anyStored?: { value: boolean; until: number };

  constructor(
    readonly seeds: User[],
    private readonly store: UserStore,
    options: { now?: () => number; external?: ExternalSignIn } = {},
  ) {
    this.now = options.now ?? Date.now;
    this.external = options.external;
    this.remembered = new RememberedSignIns(REMEMBER_MS, this.now);
  }

  isSeed(name: string): boolean {
    return this.seeds.some((u) => u.name === name);
  }

  /**
   * Whether callers must sign in: some user exists, configured or stored. While the store cannot answer (NATS down
   * or frozen), the last answer holds, so an open service still routes requests to their own 503s.
   */
  async signInRequired(): Promise<boolean> {
    if (this.seeds.length > 0 || this.external) return true;
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
    if (stored) return (await this.passwordMatches(stored, password)) ? { name: stored.name, role: roleOfGroups(stored.groups), groups: [...stored.groups] } : undefined;
    return this.external ? this.verifyExternal(name, password) : undefined;
  }

  /** The directory's account, unless its name (which the directory may spell otherwise than typed) is internal or reserved. */
  private async verifyExternal(name: string, password: string): Promise<Caller | undefined> {
    const account = await this.external!.verify(name, password);
    if (!account || account.name.toLowerCase() === 'anonymous' || this.isSeed(account.name)) return undefined;
    if (account.name !== name && (await this.store.get(account.name))) return undefined;
    return account;
  }

  private async passwordMatches(user: StoredUser, password: string): Promise<boolean> {
    const mark = this.remembered.mark(user.name, password, user.passwordHash);
    if (this.remembered.get(mark)) return true;
    if (!(await verifyPassword(password, user.passwordHash))) return false;
    this.remembered.remember(mark, true);
    return true;
  }
}
