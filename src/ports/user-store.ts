/** The user store port: internal users added through /users/*, each with its groups and a slow password hash. */

export interface StoredUser {
  name: string;
  /** The groups "admin" and "viewer" give the roles; others are the user's own (model permissions). */
  groups: string[];
  /** password-hash.ts's encoding: never the password. */
  passwordHash: string;
}

export interface UserStore {
  /** Whether any user is stored: asked often (an open service checks it per request), so cheaper than list(). */
  any(): Promise<boolean>;
  /** Every stored user, sorted by name. */
  list(): Promise<StoredUser[]>;
  get(name: string): Promise<StoredUser | undefined>;
  /** Adds or replaces the user of that name. */
  put(user: StoredUser): Promise<void>;
  /** True when a user of that name existed and is now gone. */
  delete(name: string): Promise<boolean>;
}
