/**
 * A stored TRUSTSTORE credential verifying a real PostgreSQL over TLS: the credential's mapping (a PKCS12
 * truststore holding the test CA, with its password) applied as a command's credentials are, and the PostgreSQL
 * sink writing with POSTGRESQL_SSL=verify-full; a truststore of another CA is refused by the TLS handshake. The
 * certificates are made at test time with openssl.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import test from 'ava';
import pg from 'pg';
import { mapCredential } from '../../src/credentials/mapping.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { runSqlCommand } from '../helpers/sql-ledger-cases.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { postgresUnavailableReason, startPostgres, type PostgresService } from '../helpers/services/postgres.js';

const run = promisify(execFile);
const missing = await postgresUnavailableReason();
const maybe = missing && process.env.CI !== 'true' ? test.serial.skip : test.serial;
if (missing && process.env.CI !== 'true') console.warn(`\nSKIPPING SQL TRUSTSTORE TESTS: ${missing}. Under CI=true this is a failure.\n`);

let dir = '';
let server: PostgresService | undefined;

/** A CA in `name`.pem/.key, and (for the server's CA) a certificate for 127.0.0.1 signed by it. */
async function ca(name: string): Promise<void> {
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '2', '-subj', `/CN=${name}`], { cwd: dir });
  // A PKCS12 truststore of the CA certificate alone, as keytool -importcert makes one.
  await run('openssl', ['pkcs12', '-export', '-nokeys', '-in', `${name}.pem`, '-out', `${name}.p12`, '-passout', 'pass:ts-pw'], { cwd: dir });
}

test.before(async () => {
  if (missing) {
    if (process.env.CI === 'true') throw new Error(missing);
    return;
  }
  dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-sql-tls-'));
  await ca('server-ca');
  await ca('other-ca');
  await run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost'], { cwd: dir });
  await writeFile(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await run('openssl', ['x509', '-req', '-in', 'server.csr', '-CA', 'server-ca.pem', '-CAkey', 'server-ca.key', '-CAcreateserial', '-days', '2', '-out', 'server.pem', '-extfile', 'san.ext'], { cwd: dir });
  server = await startPostgres({ tls: { certFile: path.join(dir, 'server.pem'), keyFile: path.join(dir, 'server.key') } });
});
test.after.always(async () => {
  await server?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The settings a command using the TRUSTSTORE credential `store` gets: the mapping's keys, its file written. */
async function withTruststore(store: string): Promise<Record<string, string>> {
  const creds = path.join(dir, `creds-${randomUUID()}`);
  const mapped = mapCredential({ name: 'db-ca', type: 'TRUSTSTORE', account: '', content: await readFile(path.join(dir, store)), password: 'ts-pw' }, creds);
  await run('mkdir', ['-p', creds]);
  for (const f of mapped.files) await writeFile(f.path, f.content, { mode: 0o600 });
  return { POSTGRESQL_URL: server!.url, POSTGRESQL_SSL: 'verify-full', ...mapped.settings };
}

maybe('a TRUSTSTORE credential verifies the server: rows written over TLS with verify-full', async (t) => {
  const table = `tls_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const ctx = sinkCtx(customerModel('customer', { POSTGRESQL_TABLE: table }), await withTruststore('server-ca.p12'), 100, 2, randomUUID());
  await runSqlCommand(sinkFor('postgresql'), ctx, 2, 100);
  const client = new pg.Client({ connectionString: server!.url, ssl: { ca: await readFile(path.join(dir, 'server-ca.pem'), 'utf8') } });
  await client.connect();
  try {
    const [row] = (await client.query<{ n: string; ssl: boolean }>(`SELECT (SELECT count(*) FROM public."${table}") AS n, (SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()) AS ssl`)).rows;
    t.is(Number(row!.n), 200);
    t.true(row!.ssl, 'the check itself ran over TLS');
  } finally {
    await client.end();
  }
});

maybe('a truststore of another CA: the TLS handshake refuses the server, and the error says so', async (t) => {
  const ctx = sinkCtx(customerModel('customer', { POSTGRESQL_TABLE: 'never' }), await withTruststore('other-ca.p12'), 10, 1, randomUUID());
  const e = await t.throwsAsync(runSqlCommand(sinkFor('postgresql'), ctx, 1, 10));
  t.regex(e!.message, /self[- ]signed certificate|unable to verify|certificate/i);
});
