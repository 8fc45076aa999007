import test from 'ava';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import { isSecretKey } from '../../../src/secrets.js';

test('the credentials key comes from DATAGEN_CREDENTIALS_KEY or its file, which is protected like the users file', (t) => {
  const config = loadConfig({ DATAGEN_DATA_DIR: '/srv/data', DATAGEN_CREDENTIALS_KEY_FILE: '/etc/datagen/key', DATAGEN_USERS_FILE: '/etc/datagen/users.json' });
  t.deepEqual(config.credentialsKey, { value: undefined, file: '/etc/datagen/key' });
  t.true(config.protectedRoots.includes(path.resolve('/etc/datagen/key')));
  t.true(config.protectedRoots.includes(path.resolve('/etc/datagen/users.json')));
  t.deepEqual(loadConfig({ DATAGEN_CREDENTIALS_KEY: 'k' }).credentialsKey, { value: 'k', file: undefined });
  t.true(isSecretKey('DATAGEN_CREDENTIALS_KEY'), 'scrubbed from the log as every secret setting');
});
