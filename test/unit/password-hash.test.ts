import test from 'ava';
import { hashPassword, verifyPassword } from '../../src/users/password-hash.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

test('a hash verifies its password only, carries its parameters, and is salted', async (t) => {
  const hash = await hashPassword('correct horse', FAST);
  t.regex(hash, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
  t.false(hash.includes('correct horse'));
  t.true(await verifyPassword('correct horse', hash));
  t.false(await verifyPassword('correct horse ', hash));
  t.not(await hashPassword('correct horse', FAST), hash, 'another salt');
});

test('the default parameters are scrypt N=2^15, r=8, p=1', async (t) => {
  const hash = await hashPassword('pw-default-1');
  t.true(hash.startsWith('scrypt$32768$8$1$'));
  t.true(await verifyPassword('pw-default-1', hash));
});

test('a hash this code cannot read never verifies', async (t) => {
  for (const bad of ['', 'plain', 'bcrypt$x$y', 'scrypt$0$8$1$c2FsdA$a2V5', 'scrypt$abc$8$1$c2FsdA$a2V5', 'scrypt$1024$8$1$$']) t.false(await verifyPassword('pw', bad), bad);
});
