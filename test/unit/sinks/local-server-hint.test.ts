/** A sink without its server's setting says which `npm run services` command starts a local one, and what to pass. */
import test from 'ava';
import { requiredProperty } from '../../../src/sinks/kafka/settings.js';
import { localServerHint } from '../../../src/sinks/local-server-hint.js';
import { sqlConnection } from '../../../src/sinks/sql/connection.js';
import { customerModel, sinkCtx } from '../../helpers/services/fixtures.js';

const ctx = (properties: Record<string, string>) => sinkCtx(customerModel('m'), properties, 1, 1, '00000000-0000-4000-8000-000000000001');

test('the HBase sink without HBASE_REST_URL names the command and the variable it prints', (t) => {
  const e = t.throws(() => requiredProperty(ctx({}), 'HBASE_REST_URL', 'hbase'));
  t.is(e!.message, 'the hbase sink needs HBASE_REST_URL: set it in the service environment or as a command property; for a local one, ' +
    '`npm run -s services -- start hbase` starts it and prints HBASE_REST_URL: start the service with them, e.g. `env $(npm run -s services -- start hbase) npm start`');
});

test('the SQL sinks name the services CLI\'s own names (postgres, mysql)', (t) => {
  const e = t.throws(() => sqlConnection(ctx({}), 'postgresql', 'POSTGRESQL', { database: 'd', user: 'u' }));
  t.regex(e!.message, /^the postgresql sink needs POSTGRESQL_URL \(or POSTGRESQL_HOST\): .*`npm run -s services -- start postgres` starts it and prints POSTGRESQL_URL/);
  t.regex(t.throws(() => sqlConnection(ctx({}), 'mysql', 'MYSQL', { database: 'd', user: 'u' }))!.message, /`npm run -s services -- start mysql` starts it and prints MYSQL_URL/);
});

test('every server sink has a local service; a sink without one gets no hint', (t) => {
  for (const [sink, variable] of [['kafka', 'KAFKA_BROKERS'], ['hive', 'HIVE_URL'], ['kudu', 'KUDU_MASTERS'], ['solr', 'SOLR_URL'], ['hdfs', 'HDFS_URL']]) {
    t.true(localServerHint(sink!).includes(`\`npm run -s services -- start ${sink}\` starts it and prints ${variable}`), sink);
  }
  t.is(localServerHint('json'), '');
});
