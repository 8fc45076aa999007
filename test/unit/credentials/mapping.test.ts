import test from 'ava';
import { mapCredential } from '../../../src/credentials/mapping.js';

const DIR = '/tmp/creds';
const text = (s: string) => Buffer.from(s);

test('KEYTAB: Kerberos on, the account as user and the keytab file for every Kerberos sink, as the original', (t) => {
  const m = mapCredential({ name: 'kt', type: 'KEYTAB', account: 'svc@REALM', content: Buffer.from([0x05, 0x02, 0x00]) }, DIR);
  for (const p of ['HDFS', 'OZONE', 'HIVE', 'HBASE', 'KAFKA', 'KUDU', 'SOLR']) {
    t.is(m.settings[`${p}_USE_KERBEROS`], 'true');
    t.is(m.settings[`${p}_USER`], 'svc@REALM');
    t.is(m.settings[`${p}_KEYTAB`], '/tmp/creds/kt.keytab');
  }
  t.deepEqual(m.files, [{ path: '/tmp/creds/kt.keytab', content: Buffer.from([0x05, 0x02, 0x00]) }]);
});

test('KEYSTORE and TRUSTSTORE: locations and passwords of Kafka and Solr; the truststore goes to the truststore keys', (t) => {
  const ks = mapCredential({ name: 'ks', type: 'KEYSTORE', account: '', content: text('p12'), password: 'kpw' }, DIR);
  t.like(ks.settings, { KAFKA_KEYSTORE_LOCATION: '/tmp/creds/ks.keystore', SOLR_KEYSTORE_LOCATION: '/tmp/creds/ks.keystore', KAFKA_KEYSTORE_PASSWORD: 'kpw', KAFKA_KEYSTORE_KEY_PASSWORD: 'kpw', SOLR_KEYSTORE_PASSWORD: 'kpw' });
  const ts = mapCredential({ name: 'ts', type: 'TRUSTSTORE', account: '', content: text('pem') }, DIR);
  t.deepEqual(ts.settings, {
    KAFKA_TRUSTSTORE_LOCATION: '/tmp/creds/ts.truststore', SOLR_TRUSTSTORE_LOCATION: '/tmp/creds/ts.truststore',
    POSTGRESQL_SSL_CA_FILE: '/tmp/creds/ts.truststore', MYSQL_SSL_CA_FILE: '/tmp/creds/ts.truststore',
  }, 'no password given: none set');
  t.false('KAFKA_KEYSTORE_LOCATION' in ts.settings, 'the original\'s bug is not reproduced');
});

test('TRUSTSTORE: the SQL sinks\' CA file and its password', (t) => {
  const ts = mapCredential({ name: 'ca', type: 'TRUSTSTORE', account: '', content: text('p12'), password: 'tpw' }, DIR);
  t.like(ts.settings, { POSTGRESQL_SSL_CA_FILE: '/tmp/creds/ca.truststore', POSTGRESQL_SSL_CA_PASSWORD: 'tpw', MYSQL_SSL_CA_FILE: '/tmp/creds/ca.truststore', MYSQL_SSL_CA_PASSWORD: 'tpw' });
  t.false('POSTGRESQL_SSL' in ts.settings, 'TLS itself stays the command\'s or the service\'s choice');
  t.deepEqual(ts.files, [{ path: '/tmp/creds/ca.truststore', content: text('p12') }]);
});

test('value types: S3, ADLS, GCP token and PASSWORD set their keys from account and content (one trailing newline dropped)', (t) => {
  t.deepEqual(mapCredential({ name: 'a', type: 'S3_ACCESS_KEY', account: 'AKIA1', content: text('sekret\n') }, DIR), {
    settings: { S3_ACCESS_KEY_ID: 'AKIA1', S3_ACCESS_KEY_SECRET: 'sekret', OZONE_S3_ACCESS_KEY_ID: 'AKIA1', OZONE_S3_ACCESS_KEY_SECRET: 'sekret' },
    files: [],
  });
  t.deepEqual(mapCredential({ name: 'a', type: 'ADLS_SAS_TOKEN', account: 'acct', content: text('sv=1&sig=x') }, DIR).settings, { ADLS_ACCOUNT_NAME: 'acct', ADLS_SAS_TOKEN: 'sv=1&sig=x' });
  t.deepEqual(mapCredential({ name: 'a', type: 'GCP_ACCESS_TOKEN', account: 'my-project', content: text('ya29') }, DIR).settings, { GCS_PROJECT_ID: 'my-project', GCS_ACCOUNT_ACCESS_TOKEN: 'ya29' });
  const pw = mapCredential({ name: 'a', type: 'PASSWORD', account: 'bob', content: text('pw\r\n') }, DIR).settings;
  t.like(pw, { POSTGRESQL_USER: 'bob', POSTGRESQL_PASSWORD: 'pw', MYSQL_USER: 'bob', MYSQL_PASSWORD: 'pw', HIVE_PASSWORD: 'pw', SOLR_PASSWORD: 'pw', KAFKA_SASL_USERNAME: 'bob', KAFKA_SASL_PASSWORD: 'pw' });
});

test('GCP_KEY_FILE: a .json key file and the project', (t) => {
  const m = mapCredential({ name: 'g', type: 'GCP_KEY_FILE', account: '', content: text('{"type":"service_account"}') }, DIR);
  t.deepEqual(m.settings, { GCS_ACCOUNT_KEY_PATH: '/tmp/creds/g.json' }, 'no account: no project set');
  t.is(m.files[0]!.path, '/tmp/creds/g.json');
});
