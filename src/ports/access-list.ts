/**
 * Who may use and who may change a shared thing (a stored model, a credential): the original's meta, as the stores
 * keep it. The decisions on it are in src/users/access.ts.
 */
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
