/** The role an LDAP account's groups give: the largest mapped role; none mapped: viewer, or refused once viewer groups are named. */
import test from 'ava';
import { roleOfLdapGroups } from '../../../src/users/ldap-roles.js';

const mapping = { admin: ['Datagen-Admins'], user: ['datagen-users'], viewer: [] as string[] };

test('the largest role of the mapped groups wins, compared case-insensitively', (t) => {
  t.is(roleOfLdapGroups(['datagen-admins', 'datagen-users'], mapping), 'admin');
  t.is(roleOfLdapGroups(['DATAGEN-USERS', 'team-a'], mapping), 'user');
});

test('a member of no mapped group is a viewer while no viewer groups are named, and refused once they are', (t) => {
  t.is(roleOfLdapGroups(['team-a'], mapping), 'viewer');
  t.is(roleOfLdapGroups([], mapping), 'viewer');
  const named = { ...mapping, viewer: ['datagen-viewers'] };
  t.is(roleOfLdapGroups(['team-a'], named), undefined);
  t.is(roleOfLdapGroups(['datagen-viewers'], named), 'viewer');
  t.is(roleOfLdapGroups(['datagen-users'], named), 'user');
});

test('no mapping at all: every account is a viewer, none gains rights by default', (t) => {
  t.is(roleOfLdapGroups(['admin', 'user'], { admin: [], user: [], viewer: [] }), 'viewer', 'groups called admin or user give nothing unless named');
});
