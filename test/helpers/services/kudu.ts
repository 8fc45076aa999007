/**
 * A real Kudu for tests and local use: the kudu-master and kudu-tserver of org.apache.kudu:kudu-binary (resolved
 * with Maven into ~/.cache/datagen-ts/maven-kudu, unpacked once beside it), one master on a free loopback port and
 * one tablet server (ephemeral port, registered with the master), data in a temp dir. The binaries need
 * LD_LIBRARY_PATH and SASL_PATH pointing into their lib/, and --time_source=system_unsync (no NTP here).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { resolveMavenJars } from '../../../src/jvm/build-cache.js';
import { startChild } from './child.js';
import { cacheRoot, javaUnavailableReason } from './java.js';
import { stopProcess, waitReady, type Jvm } from './jvm.js';
import { freePorts } from './ports.js';

const run = promisify(execFile);
const POM = path.join(path.dirname(fileURLToPath(import.meta.url)), 'maven', 'kudu.pom.xml');
const VERSION = '1.17.1';

export interface KuduService {
  /** host:port of the master, as KUDU_MASTERS. */
  masters: string;
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function kuduUnavailableReason(): Promise<string | null> {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `kudu-binary ships linux-x86_64 binaries only (this is ${process.platform}-${process.arch})`;
  return javaUnavailableReason();
}

/** The unpacked kudu-binary: its directory holding bin/ and lib/. */
export async function kuduHome(): Promise<string> {
  const lib = await resolveMavenJars(POM, path.join(cacheRoot(), 'maven-kudu'), 'kudu-binary');
  const home = path.join(cacheRoot(), `kudu-binary-${VERSION}`);
  const unpacked = path.join(home, `kudu-binary-${VERSION}-linux-x86_64`);
  const stamp = path.join(home, 'unpacked');
  if (!existsSync(stamp)) {
    await rm(home, { recursive: true, force: true });
    await mkdir(home, { recursive: true });
    const jar = (await readdir(lib)).find((f) => f.startsWith('kudu-binary-'));
    if (!jar) throw new Error(`no kudu-binary jar in ${lib}`);
    await run('jar', ['xf', path.join(lib, jar)], { cwd: home, maxBuffer: 16 * 1024 * 1024 });
    for (const bin of await readdir(path.join(unpacked, 'bin'))) await chmod(path.join(unpacked, 'bin', bin), 0o755);
    await writeFile(stamp, `${VERSION}\n`);
  }
  return unpacked;
}

function kuduEnv(home: string): Record<string, string> {
  return { LD_LIBRARY_PATH: path.join(home, 'lib'), SASL_PATH: path.join(home, 'lib', 'sasl2') };
}

/** The kudu CLI with `args`; its stdout. */
export async function kuduCli(args: string[]): Promise<string> {
  const home = await kuduHome();
  const { stdout } = await run(path.join(home, 'bin', 'kudu'), args, { env: { ...process.env, ...kuduEnv(home) }, maxBuffer: 256 * 1024 * 1024 });
  return stdout;
}

const COMMON_FLAGS = ['--time_source=system_unsync', '--unlock_unsafe_flags', '--unlock_experimental_flags', '--webserver_enabled=false', '--logtostderr', '--minloglevel=1'];

function startDaemon(home: string, name: string, flags: string[], dir: string, detached?: boolean): Jvm {
  // The binaries read their libraries' paths from the environment: run them through env(1) with those set.
  const env = Object.entries(kuduEnv(home)).map(([k, v]) => `${k}=${v}`);
  return startChild({ name, command: 'env', args: [...env, path.join(home, 'bin', name), ...flags, ...COMMON_FLAGS], workDir: dir, detached });
}

export async function startKudu(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<KuduService> {
  const missing = await kuduUnavailableReason();
  if (missing) throw new Error(missing);
  const home = await kuduHome();
  let lastError: unknown;
  // A port found free may be taken before the master binds it: then again on another.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-kudu-'));
    const pids: number[] = [];
    const stop = async () => {
      for (const pid of [...pids].reverse()) await stopProcess(pid, 10_000);
      await rm(dir, { recursive: true, force: true });
    };
    try {
      await Promise.all(['master', 'tserver'].map((role) => mkdir(path.join(dir, role))));
      const [port] = await freePorts(1);
      const masters = `127.0.0.1:${port}`;
      const fs = (role: string) => [`--fs_wal_dir=${path.join(dir, role, 'wal')}`, `--fs_data_dirs=${path.join(dir, role, 'data')}`, `--log_dir=${dir}`];
      const master = startDaemon(home, 'kudu-master', [...fs('master'), `--rpc_bind_addresses=${masters}`], dir, opts.detached);
      pids.push(master.pid);
      const tserver = startDaemon(home, 'kudu-tserver', [
        ...fs('tserver'), '--rpc_bind_addresses=127.0.0.1:0', '--rpc_server_allow_ephemeral_ports', `--tserver_master_addrs=${masters}`,
        '--memory_limit_hard_bytes=536870912', '--block_cache_capacity_mb=64',
      ], dir, opts.detached);
      pids.push(tserver.pid);
      await waitReady([master, tserver], 'a Kudu tablet server registered', opts.timeoutMs ?? 60_000, async () => {
        const out = await kuduCli(['tserver', 'list', masters, '-format=json', '-timeout_ms=5000']);
        if ((JSON.parse(out) as unknown[]).length < 1) throw new Error('no tablet server yet');
      });
      return { masters, dir, pids, env: { KUDU_MASTERS: masters }, stop };
    } catch (err) {
      lastError = err;
      const log = existsSync(path.join(dir, 'kudu-master.log')) ? await readFile(path.join(dir, 'kudu-master.log'), 'utf8') : '';
      await stop();
      if (!/Address already in use/.test(log)) throw err;
    }
  }
  throw lastError;
}
