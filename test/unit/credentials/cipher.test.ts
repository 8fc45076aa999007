import test from 'ava';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { keyIdOf, openSecret, sealSecret } from '../../../src/credentials/cipher.js';
import { loadCredentialsKey } from '../../../src/credentials/key.js';

const KEY = randomBytes(32);

test('a sealed secret opens to the same content and password, and holds neither in clear', (t) => {
  const content = Buffer.from('s3cr3t-access-key-value');
  const sealed = sealSecret(KEY, 'aws', 'id-1', { content, password: 'store-pass' });
  const text = JSON.stringify(sealed);
  t.false(text.includes('s3cr3t'), 'no plaintext');
  t.false(text.includes(content.toString('base64')), 'no base64 of the plaintext');
  t.false(text.includes('store-pass'));
  const opened = openSecret(KEY, 'aws', 'id-1', sealed);
  t.deepEqual(opened.content, content);
  t.is(opened.password, 'store-pass');
});

test('each seal has its own IV, so equal secrets give different records', (t) => {
  const a = sealSecret(KEY, 'n', 'i', { content: Buffer.from('same') });
  const b = sealSecret(KEY, 'n', 'i', { content: Buffer.from('same') });
  t.not(a.iv, b.iv);
  t.not(a.data, b.data);
});

test('another key, another name or id, or altered bytes do not open, with an error that quotes nothing secret', (t) => {
  const sealed = sealSecret(KEY, 'pg', 'id-1', { content: Buffer.from('hunter2-password') });
  t.throws(() => openSecret(randomBytes(32), 'pg', 'id-1', sealed), { message: /sealed with another key/ });
  t.throws(() => openSecret(KEY, 'other', 'id-1', sealed), { message: /does not open/ }, 'moved to another name');
  t.throws(() => openSecret(KEY, 'pg', 'id-2', sealed), { message: /does not open/ });
  const data = Buffer.from(sealed.data, 'base64');
  data[0] = data[0]! ^ 1;
  const err = t.throws(() => openSecret(KEY, 'pg', 'id-1', { ...sealed, data: data.toString('base64') }), { message: /altered/ });
  t.false(err!.message.includes('hunter2'));
});

test('the key id names the key without being it', (t) => {
  t.is(keyIdOf(KEY), keyIdOf(Buffer.from(KEY)));
  t.not(keyIdOf(KEY), keyIdOf(randomBytes(32)));
  t.false(KEY.toString('hex').includes(keyIdOf(KEY)));
});

test('the key reads from hex, base64 or a file (text or 32 raw bytes); none configured is none; a bad one says which setting', (t) => {
  t.deepEqual(loadCredentialsKey({ value: KEY.toString('hex') }), KEY);
  t.deepEqual(loadCredentialsKey({ value: KEY.toString('base64') }), KEY);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'key-test-'));
  writeFileSync(path.join(dir, 'raw'), KEY);
  writeFileSync(path.join(dir, 'text'), `${KEY.toString('base64')}\n`);
  t.deepEqual(loadCredentialsKey({ file: path.join(dir, 'raw') }), KEY);
  t.deepEqual(loadCredentialsKey({ file: path.join(dir, 'text') }), KEY);
  t.is(loadCredentialsKey({}), undefined);
  t.throws(() => loadCredentialsKey({ value: 'short' }), { message: /DATAGEN_CREDENTIALS_KEY must be 32 bytes/ });
  t.throws(() => loadCredentialsKey({ value: randomBytes(16).toString('hex') }), { message: /32 bytes/ });
  t.throws(() => loadCredentialsKey({ file: path.join(dir, 'missing') }), { message: /DATAGEN_CREDENTIALS_KEY_FILE: cannot read/ });
  t.throws(() => loadCredentialsKey({ value: KEY.toString('hex'), file: path.join(dir, 'raw') }), { message: /not both/ });
});
