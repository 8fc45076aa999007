/** The user store in memory, for specs: copies in, copies out. */
import type { StoredUser, UserStore } from '../ports/user-store.js';

export class InMemoryUserStore implements UserStore {
  private readonly users = new Map<string, StoredUser>();

  async any(): Promise<boolean> {
    return this.users.size > 0;
  }

  async list(): Promise<StoredUser[]> {
    return [...this.users.values()].map(copy).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async get(name: string): Promise<StoredUser | undefined> {
    const user = this.users.get(name);
    return user && copy(user);
  }

  async put(user: StoredUser): Promise<void> {
    this.users.set(user.name, copy(user));
  }

  async delete(name: string): Promise<boolean> {
    return this.users.delete(name);
  }
}

const copy = (u: StoredUser): StoredUser => ({ name: u.name, groups: [...u.groups], passwordHash: u.passwordHash });
