/** Files a model may never read as data: the NATS store under the data directory and the users file, by any path. */
import test from 'ava';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ModelError } from '../../../src/errors.js';
import { compileModel } from '../../../src/model/compile.js';
import { parseModel } from '../../../src/model/parse.js';
import { protectedRoots } from '../../../src/protected-paths.js';

const SECRET = 'hunter7-stored-password';
const csvModel = (file: string, field = 'name') => parseModel({ Fields: [{ name: 'p', type: 'CSV', file, separator: ',', field }] });

const made: string[] = [];
test.after.always(() => Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

async function dataDirWithStore() {
  const dataDir = await tempDir('datagen-protected-');
  const msgs = path.join(dataDir, 'nats', 'jetstream', '$G', 'streams', 'KV_datagen_command_secrets', 'msgs');
  await mkdir(msgs, { recursive: true });
  await writeFile(path.join(msgs, '1.blk'), `name,password\nroot,${SECRET}\n`);
  const usersFile = path.join(dataDir, 'users.json');
  await writeFile(usersFile, `name,password\nroot,${SECRET}\n`);
  await writeFile(path.join(dataDir, 'ok.csv'), 'name\nalice\n');
  const env = { dataDirs: [dataDir], protectedRoots: protectedRoots(dataDir, usersFile) };
  return { dataDir, env, blk: path.join(msgs, '1.blk'), usersFile };
}

test('the NATS store and the users file are refused by relative path, absolute path and through links', async (t) => {
  const { dataDir, env, blk, usersFile } = await dataDirWithStore();
  await symlink(blk, path.join(dataDir, 'innocent.csv'));
  await symlink(path.join(dataDir, 'nats'), path.join(dataDir, 'store-link'));
  await symlink(usersFile, path.join(dataDir, 'people.csv'));
  const refs = [
    'nats/jetstream/$G/streams/KV_datagen_command_secrets/msgs/1.blk', blk, './nats/../nats/jetstream/$G/streams/KV_datagen_command_secrets/msgs/1.blk',
    'innocent.csv', 'store-link/jetstream/$G/streams/KV_datagen_command_secrets/msgs/1.blk', 'users.json', usersFile, 'people.csv',
  ];
  for (const ref of refs) {
    const err = await t.throwsAsync(() => compileModel(csvModel(ref), env), { instanceOf: ModelError }, ref);
    t.regex(err!.message, /is part of the service's own state/, ref);
    t.false(err!.message.includes(SECRET), ref);
  }
  // The rest of the data directory stays readable.
  t.is((await compileModel(csvModel('ok.csv'), env)).generate(1, 0, 1)[0]!.p, 'alice');
});

test('a CSV error quotes file content only as a short, printable excerpt', async (t) => {
  const dataDir = await tempDir('datagen-excerpt-');
  const header = [`${'s'.repeat(500)}\u0007`, ...Array.from({ length: 50 }, (_, i) => `col${i}`)].join(',');
  await writeFile(path.join(dataDir, 'wide.csv'), `${header}\nx\n`);
  const err = await t.throwsAsync(() => compileModel(csvModel('wide.csv', 'missing'), { dataDirs: [dataDir], protectedRoots: [] }), { instanceOf: ModelError });
  t.regex(err!.message, /has no column "missing" \(columns: s{40}…, col0, .*, … 39 more\)/);
  t.true(err!.message.length < 500, `${err!.message.length} characters`);
  t.false(err!.message.includes('\u0007'));
  t.false(err!.message.includes('col20'));
});
