/**
 * A real MariaDB for tests and local use (Debian's mariadb-server): mariadb-install-db into a temp dir, then
 * mariadbd on a random loopback port with its socket in that dir, --local-infile=1 (LOAD DATA LOCAL INFILE) and an
 * init file creating a password user with every right. Run as root, the server runs as the mysql user.
 */
import { execFile } from 'node:child_process';
import { chown, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { ServiceHome, startChild, type TestService } from './child.js';
import { waitReady } from './jvm.js';
import { freePorts } from './ports.js';

const run = promisify(execFile);

export const MARIADB_USER = 'datagen';
export const MARIADB_PASSWORD = 'datagen-test-pw';
export const MARIADB_DATABASE = 'datagen';

export interface MariaDbService extends TestService {
  /** mysql://user:password@127.0.0.1:port/database */
  url: string;
  host: string;
  port: number;
}

const asRoot = () => process.getuid?.() === 0;

async function found(command: string): Promise<boolean> {
  try {
    await run('sh', ['-c', `command -v ${command}`]);
    return true;
  } catch {
    return false;
  }
}

export async function mariadbUnavailableReason(): Promise<string | null> {
  if (!(await found('mariadbd')) || !(await found('mariadb-install-db'))) {
    return 'MariaDB is not installed (Debian: apt-get install mariadb-server; .ci/setup.d/databases.sh)';
  }
  return null;
}

export async function startMariaDb(opts: { detached?: boolean; timeoutMs?: number; localInfile?: boolean } = {}): Promise<MariaDbService> {
  const missing = await mariadbUnavailableReason();
  if (missing) throw new Error(missing);
  const home = await ServiceHome.create('datagen-mariadb-');
  const { dir } = home;
  const data = path.join(dir, 'data');
  return home.starting(async () => {
    const user = asRoot() ? 'mysql' : os.userInfo().username;
    if (asRoot()) {
      const { stdout: uid } = await run('id', ['-u', 'mysql']);
      const { stdout: gid } = await run('id', ['-g', 'mysql']);
      await chown(dir, Number(uid), Number(gid));
    }
    await run('mariadb-install-db', ['--no-defaults', `--user=${user}`, `--datadir=${data}`, '--skip-test-db', '--auth-root-authentication-method=socket']);
    const init = path.join(dir, 'init.sql');
    await writeFile(init, [
      `CREATE USER IF NOT EXISTS '${MARIADB_USER}'@'%' IDENTIFIED BY '${MARIADB_PASSWORD}';`,
      `GRANT ALL PRIVILEGES ON *.* TO '${MARIADB_USER}'@'%';`,
      `CREATE DATABASE IF NOT EXISTS ${MARIADB_DATABASE};`,
    ].join('\n'));
    const [port] = await freePorts(1);
    const child = startChild({
      name: 'mariadbd',
      command: 'mariadbd',
      args: [
        '--no-defaults', `--user=${user}`, `--datadir=${data}`, '--bind-address=127.0.0.1', `--port=${port}`,
        `--socket=${path.join(dir, 'mysqld.sock')}`, `--pid-file=${path.join(dir, 'mysqld.pid')}`, `--init-file=${init}`,
        `--local-infile=${opts.localInfile === false ? 0 : 1}`, '--skip-name-resolve', '--innodb-flush-log-at-trx-commit=0',
        '--innodb-doublewrite=0', '--skip-log-bin', `--tmpdir=${dir}`,
      ],
      workDir: dir,
      detached: opts.detached,
    });
    home.track(child.pid, 20_000);
    const url = `mysql://${MARIADB_USER}:${MARIADB_PASSWORD}@127.0.0.1:${port}/${MARIADB_DATABASE}`;
    await waitReady([child], 'MariaDB accepting connections', opts.timeoutMs ?? 60_000, async () => {
      const c = await mysql.createConnection({ host: '127.0.0.1', port, user: MARIADB_USER, password: MARIADB_PASSWORD, database: MARIADB_DATABASE, connectTimeout: 2_000 });
      await c.end();
    });
    return { url, host: '127.0.0.1', port: port!, dir, pids: home.pids, env: { MYSQL_URL: url }, stop: () => home.stop() };
  });
}
