/**
 * A real PostgreSQL for tests and local use (Debian's postgresql package): initdb into a temp dir with a password
 * superuser (scram-sha-256, so a bad password is refused), then postgres on a random loopback port with its socket
 * in that dir. Run as root, both run as the postgres user (initdb refuses root). Stopped by a signal to the
 * postmaster itself, which ends its children: SIGINT, a fast shutdown (SIGTERM would wait for clients to leave).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startChild } from './child.js';
import { isAlive, sleep, waitReady } from './jvm.js';
import { freePorts } from './ports.js';

const run = promisify(execFile);

export const POSTGRES_USER = 'datagen';
export const POSTGRES_PASSWORD = 'datagen-test-pw';
export const POSTGRES_DATABASE = 'postgres';

export interface PostgresService {
  /** postgresql://user:password@127.0.0.1:port/database */
  url: string;
  host: string;
  port: number;
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** The server binaries: Debian's versioned directory, newest first, else the PATH. */
async function binDir(): Promise<string | undefined> {
  for (const v of ['17', '16', '15', '14', '13']) {
    const dir = `/usr/lib/postgresql/${v}/bin`;
    if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) return dir;
  }
  try {
    const { stdout } = await run('sh', ['-c', 'command -v initdb']);
    return stdout.trim() ? path.dirname(stdout.trim()) : undefined;
  } catch {
    return undefined;
  }
}

const asRoot = () => process.getuid?.() === 0;

export async function postgresUnavailableReason(): Promise<string | null> {
  if (!(await binDir())) return 'PostgreSQL is not installed (Debian: apt-get install postgresql; .ci/setup.d/databases.sh)';
  if (asRoot()) {
    try {
      await run('id', ['postgres']);
    } catch {
      return 'running as root but there is no postgres user to run the server as';
    }
  }
  return null;
}

/** `command args` as the postgres user when we are root (setpriv), as ourselves otherwise. */
function asPostgres(command: string, args: string[]): [string, string[]] {
  return asRoot() ? ['setpriv', ['--reuid=postgres', '--regid=postgres', '--init-groups', command, ...args]] : [command, args];
}

/** A server certificate and its key (PEM files) for TLS: copied into the server's dir, owned by the server's user. */
export interface PostgresTls {
  certFile: string;
  keyFile: string;
}

export async function startPostgres(opts: { detached?: boolean; timeoutMs?: number; tls?: PostgresTls } = {}): Promise<PostgresService> {
  const bin = await binDir();
  if (!bin) throw new Error((await postgresUnavailableReason())!);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-postgres-'));
  const data = path.join(dir, 'data');
  let pid: number | undefined;
  const stop = async () => {
    if (pid !== undefined) {
      try {
        process.kill(pid, 'SIGINT'); // fast shutdown: ends the backends and the postmaster
      } catch {
        // already gone
      }
      const deadline = Date.now() + 20_000;
      while (isAlive(pid) && Date.now() < deadline) await sleep(100);
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const pwfile = path.join(dir, 'pw');
    await writeFile(pwfile, `${POSTGRES_PASSWORD}\n`);
    if (asRoot()) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout), Number(gid));
      await chown(pwfile, Number(stdout), Number(gid));
    }
    const [initCmd, initArgs] = asPostgres(path.join(bin, 'initdb'), ['-D', data, '-U', POSTGRES_USER, `--pwfile=${pwfile}`, '--auth=scram-sha-256', '-E', 'UTF8', '--no-sync', '--no-instructions']);
    await run(initCmd, initArgs);
    const tlsArgs: string[] = [];
    if (opts.tls) {
      // PostgreSQL refuses a key file anyone but its owner may read.
      for (const [from, to] of [[opts.tls.certFile, 'server.crt'], [opts.tls.keyFile, 'server.key']] as const) {
        await copyFile(from, path.join(dir, to));
        await chmod(path.join(dir, to), 0o600);
        if (asRoot()) await chown(path.join(dir, to), Number((await run('id', ['-u', 'postgres'])).stdout), Number((await run('id', ['-g', 'postgres'])).stdout));
      }
      tlsArgs.push('-c', 'ssl=on', '-c', `ssl_cert_file=${path.join(dir, 'server.crt')}`, '-c', `ssl_key_file=${path.join(dir, 'server.key')}`);
    }
    const [port] = await freePorts(1);
    const [cmd, args] = asPostgres(path.join(bin, 'postgres'), [
      '-D', data, '-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${dir}`,
      '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', ...tlsArgs,
    ]);
    const child = startChild({ name: 'postgres', command: cmd, args, workDir: dir, detached: opts.detached });
    pid = child.pid;
    const url = `postgresql://${POSTGRES_USER}:${POSTGRES_PASSWORD}@127.0.0.1:${port}/${POSTGRES_DATABASE}`;
    await waitReady([child], 'PostgreSQL accepting connections', opts.timeoutMs ?? 60_000, async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
      await client.connect();
      await client.end();
    });
    return {
      url,
      host: '127.0.0.1',
      port: port!,
      dir,
      pids: [child.pid],
      env: { POSTGRESQL_URL: url },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** One query on a connection of its own, closed afterwards: what a test reads back from the table a command wrote. */
export async function queryPostgres<R extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
