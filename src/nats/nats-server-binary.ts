/**
 * Where the embedded nats-server comes from, so `npm start` serves on a machine without one installed:
 * `nats-server` on the PATH; else the one this service built before, in its cache (DATAGEN_TS_CACHE, default
 * ~/.cache/datagen-ts, under bin/); else, when `go` is on the PATH, built into that cache once with `go install`
 * through the Go module proxy (no root, nothing written outside the cache and Go's own caches). Otherwise an error
 * naming the commands that get one. GitHub's release tarballs are not used: a download needs github.com, which
 * many build machines cannot reach, where the module proxy serves.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const NATS_SERVER_MODULE = 'github.com/nats-io/nats-server/v2';
/** The release built when none is installed (a version the module proxy serves; Go 1.24 or newer builds it). */
export const NATS_SERVER_VERSION = 'v2.14.9';

type Env = Readonly<Record<string, string | undefined>>;

export function natsServerCacheDir(env: Env = process.env): string {
  return path.join(env.DATAGEN_TS_CACHE || path.join(os.homedir(), '.cache', 'datagen-ts'), 'bin');
}

export function goInstallCommand(env: Env = process.env): string {
  return `GOBIN=${natsServerCacheDir(env)} go install ${NATS_SERVER_MODULE}@${NATS_SERVER_VERSION}`;
}

export function installHint(env: Env = process.env): string {
  return (
    'nats-server was not found on PATH, nor in the service\'s cache, and there is no `go` to build one. Get one with ' +
    `\`${goInstallCommand(env)}\` (any Go 1.24+), or install it (Debian/Ubuntu: \`sudo apt-get install -y nats-server\`; ` +
    'macOS: `brew install nats-server`), or point the service at an existing JetStream-enabled server with NATS_URL=nats://host:4222.'
  );
}

function runs(command: string, args: string[], env: Env): boolean {
  return spawnSync(command, args, { stdio: 'ignore', env: env as NodeJS.ProcessEnv }).status === 0;
}

/** `go install` into the cache, its output kept for the error. */
function goInstall(env: Env, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['install', `${NATS_SERVER_MODULE}@${NATS_SERVER_VERSION}`], {
      cwd: os.tmpdir(),
      env: { ...env, GOBIN: dir, GOFLAGS: '-buildvcs=false' } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const keep = (d: Buffer) => { output = (output + d.toString()).slice(-4000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`\`${goInstallCommand(env)}\` failed (exit ${code}): ${output.trim()}`))));
  });
}

/** The nats-server to run: a command name on the PATH or the cached binary's path, built first when needed. */
export async function natsServerBinary(opts: { env?: Env; log?: (message: string) => void } = {}): Promise<string> {
  const env = opts.env ?? process.env;
  if (runs('nats-server', ['--version'], env)) return 'nats-server';
  const dir = natsServerCacheDir(env);
  const cached = path.join(dir, 'nats-server');
  if (runs(cached, ['--version'], env)) return cached;
  if (!runs('go', ['version'], env)) throw new Error(installHint(env));
  (opts.log ?? ((m) => process.stderr.write(`${m}\n`)))(
    `nats-server is not on the PATH: building nats-server ${NATS_SERVER_VERSION} into ${dir} with \`${goInstallCommand(env)}\` (once; a minute or two)`,
  );
  await mkdir(dir, { recursive: true });
  await goInstall(env, dir);
  if (!runs(cached, ['--version'], env)) throw new Error(`\`${goInstallCommand(env)}\` ran but left no working ${cached}`);
  return cached;
}
