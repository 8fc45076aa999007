/**
 * Every setting a sink declares as a credential: the sinks this service runs (each declares its list next to its
 * options) and the original's sinks it does not run, whose models still carry their credentials.
 */
import { HBASE_SECRET_KEYS } from './hbase/secret-keys.js';
import { HIVE_SECRET_KEYS } from './hive/secret-keys.js';
import { KAFKA_SECRET_KEYS } from './kafka/secret-keys.js';
import { KUDU_SECRET_KEYS } from './kudu/secret-keys.js';
import { MYSQL_SECRET_KEYS } from './mysql/secret-keys.js';
import { POSTGRESQL_SECRET_KEYS } from './postgresql/secret-keys.js';
import { SOLR_SECRET_KEYS } from './solr/secret-keys.js';

/** Credentials of the original's HDFS, Ozone, S3, ADLS, GCS, Hive and Solr sinks (spec §4.6). */
const ORIGINAL_SINK_SECRET_KEYS: readonly string[] = [
  'HDFS_KEYTAB', 'OZONE_KEYTAB', 'HIVE_KEYTAB', 'SOLR_KEYTAB',
  'S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_SECRET', 'ADLS_SAS_TOKEN', 'ADLS_ACCOUNT_KEY', 'GCS_ACCOUNT_ACCESS_TOKEN',
  'SOLR_KEYSTORE_PASSWORD', 'SOLR_TRUSTSTORE_PASSWORD',
];

export const SINK_SECRET_KEYS: ReadonlySet<string> = new Set([...KAFKA_SECRET_KEYS, ...HBASE_SECRET_KEYS, ...HIVE_SECRET_KEYS, ...POSTGRESQL_SECRET_KEYS, ...MYSQL_SECRET_KEYS, ...SOLR_SECRET_KEYS, ...KUDU_SECRET_KEYS, ...ORIGINAL_SINK_SECRET_KEYS]);
