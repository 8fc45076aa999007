/**
 * The role an LDAP account gets from the groups it is a member of (DATAGEN_LDAP_ADMIN_GROUPS, _USER_GROUPS,
 * _VIEWER_GROUPS; compared case-insensitively, as directories compare cn). The largest role wins. A member of none:
 * a viewer while no viewer groups are named, refused once they are, so naming groups never widens access. Pure.
 */
import type { LdapSettings } from '../config.js';
import type { UserRole } from './configured-users.js';

export type LdapRoleGroups = LdapSettings['roles'];

/** The role, or undefined when the account may not sign in at all. */
export function roleOfLdapGroups(groups: readonly string[], mapping: LdapRoleGroups): UserRole | undefined {
  const mine = new Set(groups.map((g) => g.toLowerCase()));
  const inAny = (names: readonly string[]) => names.some((n) => mine.has(n.toLowerCase()));
  if (inAny(mapping.admin)) return 'admin';
  if (inAny(mapping.user)) return 'user';
  if (mapping.viewer.length === 0 || inAny(mapping.viewer)) return 'viewer';
  return undefined;
}
