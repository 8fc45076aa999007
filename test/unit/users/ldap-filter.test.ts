/** The LDAP strings built from a login: filter values (RFC 4515) and DN values (RFC 4514) escaped, patterns filled. */
import test from 'ava';
import { escapeDnValue, escapeFilterValue, fillPattern } from '../../../src/users/ldap-filter.js';

test('a filter value escapes *, (, ), \\ and NUL, so injected syntax stays a literal name', (t) => {
  t.is(escapeFilterValue('*)(uid=*'), '\\2a\\29\\28uid=\\2a');
  t.is(escapeFilterValue('a\\b\0c'), 'a\\5cb\\00c');
  t.is(escapeFilterValue('alice'), 'alice');
  t.is(escapeFilterValue('zoë'), 'zoë', 'UTF-8 is legal in a filter value');
});

test('the user filter with an injection attempt is one equality assertion on the whole login', (t) => {
  t.is(fillPattern('(uid={0})', '*)(uid=*', 'filter'), '(uid=\\2a\\29\\28uid=\\2a)');
  t.is(fillPattern('(&(objectClass=person)(|(uid={0})(mail={0})))', 'a*', 'filter'), '(&(objectClass=person)(|(uid=a\\2a)(mail=a\\2a)))');
  t.is(fillPattern('(member={0})', 'uid=o*brien(x),ou=people,dc=t', 'filter'), '(member=uid=o\\2abrien\\28x\\29,ou=people,dc=t)', 'a DN as a filter value');
});

test('a DN value escapes the RDN separators and a leading # or space and a trailing space', (t) => {
  t.is(escapeDnValue('alice,ou=admins'), 'alice\\,ou\\=admins');
  t.is(escapeDnValue('a+b"c<d>e;f\\g'), 'a\\+b\\"c\\<d\\>e\\;f\\\\g');
  t.is(escapeDnValue('#x '), '\\#x\\ ');
  t.is(escapeDnValue(' x'), '\\ x');
  t.is(fillPattern('uid={0},ou=people,dc=t', 'bob,ou=admins', 'dn'), 'uid=bob\\,ou\\=admins,ou=people,dc=t');
});
