/**
 * Model analysis of a PostgreSQL table: rows of the known model written by the PostgreSQL sink into a real server
 * (test/helpers/services/postgres.ts), analysed back into that model (types, ranges, weights, filters, regex),
 * which regenerates alike; a missing table is a 404 naming it, a refused connection a 502 without the password.
 */
import anyTest, { type TestFn } from 'ava';
import { postgresqlTableSource } from '../../src/analysis/sources/postgresql-table.js';
import { assertLikeKnown, assertRegeneratedLike, generate, inferModel, serviceSettings, uniqueName, writeKnown } from '../helpers/analysis-roundtrip.js';
import { postgresUnavailableReason, startPostgres, type PostgresService } from '../helpers/services/postgres.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const test = anyTest as TestFn;
const server = await storeForTests<PostgresService>(test, 'postgresql', postgresUnavailableReason, startPostgres);

server.test('a table of a known model analyses into that model, which regenerates alike', async (t) => {
  const props = { POSTGRESQL_URL: server.service().url };
  const [schema, table] = [uniqueName('s'), uniqueName('customers')];
  const rows = await writeKnown('postgresql', props, { POSTGRESQL_SCHEMA: schema, POSTGRESQL_TABLE: table });
  const inferred = await inferModel(postgresqlTableSource(serviceSettings(props), table, schema));
  t.is(inferred.model_name, table);
  assertLikeKnown(t, inferred, 'postgresql');
  assertRegeneratedLike(t, rows, await generate(inferred, 7), 'postgresql');
});

server.test('a missing table is a 404 naming it; a refused connection a 502 without the password', async (t) => {
  const props = { POSTGRESQL_URL: server.service().url };
  const missing = await t.throwsAsync(inferModel(postgresqlTableSource(serviceSettings(props), 'nothing_here', 'public')));
  t.is((missing as { status?: number }).status, 404);
  t.regex(missing!.message, /^postgresql .* table public\.nothing_here: there is no such table/);

  const url = new URL(server.service().url);
  url.password = 'wrong-pw';
  const refused = await t.throwsAsync(inferModel(postgresqlTableSource(serviceSettings({ POSTGRESQL_URL: url.toString() }), 'x', 'public')));
  t.is((refused as { status?: number }).status, 502);
  t.regex(refused!.message, /table public\.x: reading the table's columns failed/);
  t.false(refused!.message.includes('wrong-pw'));
});
