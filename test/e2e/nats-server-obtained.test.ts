/**
 * A new user's first start without nats-server installed (issue 18 item 6): with `go` on the PATH and an empty
 * cache, the service's nats-server is built into the cache with `go install` (through the Go module proxy), and
 * `datagen serve` on a PATH without nats-server serves with it; with neither nats-server nor go, the error names the
 * command that gets one. The build needs the module proxy (or a warm Go module cache); without `go` here the build
 * test is skipped loudly, and fails under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import test from 'ava';
import { goInstallCommand, natsServerBinary, NATS_SERVER_VERSION } from '../../src/nats/nats-server-binary.js';
import { getJson, startServe } from '../helpers/service-process.js';

const goPath = spawnSync('sh', ['-c', 'command -v go'], { encoding: 'utf8' }).stdout.trim();
const maybe = !goPath && process.env.CI !== 'true' ? test.serial.skip : test.serial;
if (!goPath && process.env.CI !== 'true') console.warn('\nSKIPPING THE NATS-SERVER BUILD TEST: no go on the PATH. Under CI=true this is a failure.\n');

const dirs: string[] = [];
const tempDir = async (prefix: string) => {
  const d = await mkdtemp(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
test.after.always(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** A PATH directory holding only `go` (when given): no nats-server on it. */
async function pathWith(go?: string): Promise<string> {
  const bin = await tempDir('datagen-path-');
  if (go) await symlink(go, path.join(bin, 'go'));
  return bin;
}

test.serial('neither nats-server nor go: the error names the command that gets one', async (t) => {
  const env = { PATH: await pathWith(), HOME: os.homedir(), DATAGEN_TS_CACHE: await tempDir('datagen-cache-') };
  const e = await t.throwsAsync(natsServerBinary({ env, log: () => t.fail('nothing is built') }));
  t.true(e!.message.includes(`\`${goInstallCommand(env)}\``), e!.message);
  t.true(e!.message.includes(`GOBIN=${path.join(env.DATAGEN_TS_CACHE, 'bin')} go install github.com/nats-io/nats-server/v2@${NATS_SERVER_VERSION}`));
});

maybe('an empty cache and go on the PATH: nats-server is built into the cache, and `datagen serve` without one on the PATH serves with it', async (t) => {
  t.timeout(30 * 60_000, 'a cold go build on a busy machine');
  const cache = await tempDir('datagen-cache-');
  const env = { ...process.env, PATH: await pathWith(goPath), DATAGEN_TS_CACHE: cache };
  const said: string[] = [];
  const binary = await natsServerBinary({ env, log: (m) => said.push(m) });
  t.is(binary, path.join(cache, 'bin', 'nats-server'));
  t.regex(said.join('\n'), /nats-server is not on the PATH: building nats-server .* with `GOBIN=.* go install github\.com\/nats-io\/nats-server\/v2@/);
  t.regex(spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout, new RegExp(`nats-server: ${NATS_SERVER_VERSION}`));

  const svc = await startServe({ env: { PATH: env.PATH, DATAGEN_TS_CACHE: cache } });
  try {
    t.is((await getJson(svc.url, '/api/v1/health/status', 'GET')).status, 200);
    const children = spawnSync('ps', ['-o', 'args=', '--ppid', String(svc.child.pid)], { encoding: 'utf8' }).stdout;
    t.true(children.includes(`${binary} -js`), `the service runs the cached nats-server: ${children}`);
  } finally {
    await svc.stop();
  }
});
