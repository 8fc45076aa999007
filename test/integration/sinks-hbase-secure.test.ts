/**
 * The HBase sink and the HBase analysis source on secured REST gateways, all real: HBase's REST server listening with
 * TLS only (a private CA), and an nginx gateway with TLS and basic auth in front of it (as Knox or HDInsight front
 * HBase). Certificates are verified, the CA comes from HBASE_REST_SSL_CA_LOCATION, the credentials from
 * HBASE_REST_USERNAME / HBASE_REST_PASSWORD, and a refused password fails naming the gateway without the password.
 */
import { randomUUID } from 'node:crypto';
import test from 'ava';
import { hbaseTableSource } from '../../src/analysis/sources/hbase-table.js';
import { HBaseRestClient } from '../../src/sinks/hbase/client.js';
import { hbaseRestEndpoint } from '../../src/sinks/hbase/rest-endpoint.js';
import { sinkFor } from '../../src/sinks/registry.js';
import { startBasicAuthGateway, type BasicAuthGateway } from '../helpers/services/basic-auth-gateway.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { startHBase, type HBaseService } from '../helpers/services/hbase.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { runSinkCommand } from '../helpers/sink-command.js';

const sink = sinkFor('hbase');
const USER = 'gateway-user';
const PASSWORD = 'gw-pass-91f3e';
let hbase: HBaseService | undefined;
let gateway: BasicAuthGateway | undefined;

const missing = await javaUnavailableReason();
const serial = missing && process.env.CI !== 'true' ? test.serial.skip : test.serial;

test.before('start HBase with a TLS REST gateway, and a basic-auth gateway in front of it', async (t) => {
  if (missing && process.env.CI !== 'true') return;
  t.timeout(15 * 60_000, 'starting HBase');
  hbase = await startHBase({ restTls: true });
  gateway = await startBasicAuthGateway({ upstream: hbase.restUrl, upstreamCaFile: hbase.caFile!, user: USER, password: PASSWORD });
});

test.after.always('stop them', async () => {
  await gateway?.stop();
  await hbase?.stop();
});

const table = () => `secure_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const context = (name: string, properties: Record<string, string>) =>
  sinkCtx(customerModel('customer', { HBASE_TABLE_NAME: name }, { HBASE_PRIMARY_KEY: 'id' }), properties, 300, 2, randomUUID());

/** Row keys of a table, read through the same client and endpoint settings. */
async function rowKeys(properties: Record<string, string>, name: string): Promise<Set<string>> {
  const client = new HBaseRestClient(hbaseRestEndpoint(properties)!);
  const keys = new Set<string>();
  try {
    const scanner = await client.openScanner(name, { batch: 10_000, caching: 1_000 });
    for (;;) {
      const page = (await client.nextScan(name, scanner)) as { Row?: Array<{ key: string }> } | undefined;
      if (!page) break;
      for (const r of page.Row ?? []) keys.add(Buffer.from(r.key, 'base64').toString('utf8'));
    }
    await client.closeScanner(name, scanner);
  } finally {
    client.close();
  }
  return keys;
}

serial('over https with HBASE_REST_SSL_CA_LOCATION the rows land, and a scan through the same endpoint reads them', async (t) => {
  const props = { HBASE_REST_URL: hbase!.restUrl, HBASE_REST_SSL_CA_LOCATION: hbase!.caFile! };
  const name = table();
  const written = await runSinkCommand(sink, context(name, props), { batches: 2, rows: 300 });
  t.true(hbase!.restUrl.startsWith('https://'));
  t.deepEqual(await rowKeys(props, name), new Set(written.map((r) => String(r.id))));
});

serial('without the CA the certificate is not trusted: prepare fails naming the gateway (verification is on)', async (t) => {
  const err = await t.throwsAsync(sink.prepare(context(table(), { HBASE_REST_URL: hbase!.restUrl })));
  t.regex(err!.message, /^hbase https:\/\/127\.0\.0\.1:\d+ table default:secure_\w+: preparing the table failed: HBase REST gateway https:\/\/127\.0\.0\.1:\d+ unreachable: .*(self-signed|unable to (get|verify))/i);
});

serial('through a TLS + basic-auth gateway with HBASE_REST_USERNAME / HBASE_REST_PASSWORD the rows land', async (t) => {
  const props = { HBASE_REST_URL: gateway!.url, HBASE_REST_SSL_CA_LOCATION: gateway!.caFile, HBASE_REST_USERNAME: USER, HBASE_REST_PASSWORD: PASSWORD };
  const name = table();
  const written = await runSinkCommand(sink, context(name, props), { batches: 2, rows: 300 });
  t.is(written.length, 600);
  t.deepEqual(await rowKeys(props, name), new Set(written.map((r) => String(r.id))));
});

serial('credentials in the URL user-info work too; the error messages never show them', async (t) => {
  const url = new URL(gateway!.url);
  url.username = USER;
  url.password = PASSWORD;
  const name = table();
  const ctx = context(name, { HBASE_REST_URL: url.toString(), HBASE_REST_SSL_CA_LOCATION: gateway!.caFile });
  const written = await runSinkCommand(sink, ctx, { batches: 1, rows: 300 });
  t.is(written.length, 300);
  t.is(sink.describe(ctx).includes(PASSWORD), false);
});

serial('a wrong password fails prepare with "refused the credentials", naming the gateway, without the password', async (t) => {
  const wrong = 'not-the-password-5d2';
  const err = await t.throwsAsync(
    sink.prepare(context(table(), { HBASE_REST_URL: gateway!.url, HBASE_REST_SSL_CA_LOCATION: gateway!.caFile, HBASE_REST_USERNAME: USER, HBASE_REST_PASSWORD: wrong })),
  );
  t.regex(err!.message, /^hbase https:\/\/127\.0\.0\.1:\d+ table default:secure_\w+: preparing the table failed: .*refused the credentials \(HTTP 401/);
  t.false(err!.message.includes(wrong));
  t.false(err!.message.includes(PASSWORD));
});

serial('no credentials at the gateway: 401, said so', async (t) => {
  const err = await t.throwsAsync(sink.prepare(context(table(), { HBASE_REST_URL: gateway!.url, HBASE_REST_SSL_CA_LOCATION: gateway!.caFile })));
  t.regex(err!.message, /refused the credentials \(HTTP 401/);
});

serial('model analysis reads an HBase table through the basic-auth gateway', async (t) => {
  const props = { HBASE_REST_URL: gateway!.url, HBASE_REST_SSL_CA_LOCATION: gateway!.caFile, HBASE_REST_USERNAME: USER, HBASE_REST_PASSWORD: PASSWORD };
  const name = table();
  await runSinkCommand(sink, context(name, props), { batches: 1, rows: 300 });
  const source = hbaseTableSource(sinkCtx(customerModel('customer'), props, 1, 1, randomUUID()).settings, name);
  const opened = await source.open(1_000);
  let rows = 0;
  for await (const record of opened.records) {
    rows++;
    t.truthy(record.name);
  }
  t.is(rows, 300);
});
