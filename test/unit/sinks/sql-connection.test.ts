/** Where the relational sinks connect (pure): database URLs and bare hosts as endpoints, and the settings' precedence. */
import test from 'ava';
import { BadRequestError } from '../../../src/errors.js';
import { endpointsOf, formatEndpoint } from '../../../src/sinks/endpoints/parse-endpoints.js';
import { sqlConnection } from '../../../src/sinks/sql/connection.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const read = (kind: 'postgresql' | 'mysql', value: string) => endpointsOf(kind, value, 'KEY').map(formatEndpoint);
const ctx = (properties: Record<string, string>) => sinkCtx(customerModel('m'), properties, 1, 1, '00000000-0000-4000-8000-000000000001');

test('a database URL or a bare host names its endpoint, with the database\'s default port', (t) => {
  t.deepEqual(read('postgresql', 'postgresql://u:p@DB.example.:6543/x'), ['db.example:6543']);
  t.deepEqual(read('postgresql', 'postgres://db/x'), ['db:5432']);
  t.deepEqual(read('postgresql', '2130706433'), ['127.0.0.1:5432']);
  t.deepEqual(read('mysql', 'mariadb://u@[::1]/x'), ['[::1]:3306']);
  t.deepEqual(read('mysql', 'db:3307'), ['db:3307']);
  for (const [kind, bad] of [['postgresql', 'mysql://db/x'], ['mysql', 'http://db'], ['mysql', 'db:0'], ['postgresql', 'a b:1']] as const) {
    t.throws(() => read(kind, bad), { instanceOf: BadRequestError }, bad);
  }
});

test('HOST, DATABASE, USER and PASSWORD override the URL\'s parts; the URL\'s are percent-decoded', (t) => {
  const url = 'postgresql://us%40er:p%3Ass@10.0.0.1:5433/d%20b?sslmode=require';
  t.like(sqlConnection(ctx({ POSTGRESQL_URL: url }), 'postgresql', 'POSTGRESQL', { database: 'postgres', user: 'postgres' }), {
    host: '10.0.0.1', port: 5433, database: 'd b', user: 'us@er', password: 'p:ss', ssl: 'require',
  });
  t.like(sqlConnection(ctx({ POSTGRESQL_URL: url, POSTGRESQL_HOST: 'other:1', POSTGRESQL_DATABASE: 'x', POSTGRESQL_USER: 'y', POSTGRESQL_PASSWORD: 'z', POSTGRESQL_SSL: 'disable' }), 'postgresql', 'POSTGRESQL', { database: 'postgres', user: 'postgres' }), {
    host: 'other', port: 1, database: 'x', user: 'y', password: 'z', ssl: 'disable',
  });
  t.like(sqlConnection(ctx({ MYSQL_HOST: 'db' }), 'mysql', 'MYSQL', { database: 'datagen', user: 'root' }), { host: 'db', port: 3306, database: 'datagen', user: 'root', ssl: 'disable' });
});

test('a URL parameter other than sslmode is refused without quoting the URL', (t) => {
  const err = t.throws(() => sqlConnection(ctx({ MYSQL_URL: 'mysql://u:secret-pw@db/x?socketPath=/run/s' }), 'mysql', 'MYSQL', { database: 'd', user: 'u' }), { instanceOf: BadRequestError });
  t.is(err!.message, 'MYSQL_URL may carry only sslmode as a parameter (got socketPath); give the rest as MYSQL_* settings');
});

test('SSL_CA_FILE: a PEM file gives its CA; a file not there yet (a credential\'s, only planned at submission) is read when connecting', async (t) => {
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const path = await import('node:path');
  const { tlsOptions } = await import('../../../src/sinks/sql/connection.js');
  const dir = await mkdtemp(path.join(tmpdir(), 'datagen-sql-ca-'));
  const pem = path.join(dir, 'ca.pem');
  await writeFile(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  const base = { POSTGRESQL_URL: 'postgresql://db/x', POSTGRESQL_SSL: 'verify-full' };
  const withPem = sqlConnection(ctx({ ...base, POSTGRESQL_SSL_CA_FILE: pem }), 'postgresql', 'POSTGRESQL', { database: 'd', user: 'u' });
  t.deepEqual(tlsOptions(withPem), { rejectUnauthorized: true, ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] });
  const later = path.join(dir, 'later.truststore');
  const planned = sqlConnection(ctx({ ...base, POSTGRESQL_SSL_CA_FILE: later }), 'postgresql', 'POSTGRESQL', { database: 'd', user: 'u' });
  t.throws(() => tlsOptions(planned), { instanceOf: BadRequestError, message: 'POSTGRESQL_SSL_CA_FILE names a file that cannot be read (ENOENT)' });
  await writeFile(later, '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n');
  t.deepEqual(tlsOptions(planned)?.ca, ['-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n'], 'read once it exists');
  await writeFile(path.join(dir, 'x.jks'), Buffer.from([0xfe, 0xed, 0xfe, 0xed, 0, 0, 0, 2]));
  t.throws(() => sqlConnection(ctx({ ...base, POSTGRESQL_SSL_CA_FILE: path.join(dir, 'x.jks') }), 'postgresql', 'POSTGRESQL', { database: 'd', user: 'u' }), { message: /^POSTGRESQL_SSL_CA_FILE is a JKS keystore, which this service cannot read; convert it to PKCS12 with: keytool/ });
});
