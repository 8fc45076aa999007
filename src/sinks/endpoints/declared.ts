/** Every sink's declared endpoint and file settings (each declares its own next to its connection settings). */
import { HDFS_ENDPOINT_SETTINGS } from '../destinations/hdfs-settings.js';
import { ADLS_ENDPOINT_SETTINGS, GCS_ENDPOINT_SETTINGS, OZONE_ENDPOINT_SETTINGS, S3_ENDPOINT_SETTINGS } from '../destinations/object-connection-settings.js';
import { HBASE_ENDPOINT_SETTINGS } from '../hbase/connection-settings.js';
import { HIVE_ENDPOINT_SETTINGS } from '../hive/connection-settings.js';
import { KAFKA_ENDPOINT_SETTINGS } from '../kafka/connection-settings.js';
import { KUDU_ENDPOINT_SETTINGS } from '../kudu/connection-settings.js';
import { MYSQL_ENDPOINT_SETTINGS } from '../mysql/connection-settings.js';
import { POSTGRESQL_ENDPOINT_SETTINGS } from '../postgresql/connection-settings.js';
import { SOLR_ENDPOINT_SETTINGS } from '../solr/connection-settings.js';
import type { EndpointSetting } from './endpoint-setting.js';

export const ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  ...KAFKA_ENDPOINT_SETTINGS, ...HBASE_ENDPOINT_SETTINGS, ...HIVE_ENDPOINT_SETTINGS, ...HDFS_ENDPOINT_SETTINGS,
  ...S3_ENDPOINT_SETTINGS, ...OZONE_ENDPOINT_SETTINGS, ...ADLS_ENDPOINT_SETTINGS, ...GCS_ENDPOINT_SETTINGS, ...POSTGRESQL_ENDPOINT_SETTINGS, ...MYSQL_ENDPOINT_SETTINGS, ...SOLR_ENDPOINT_SETTINGS, ...KUDU_ENDPOINT_SETTINGS,
];
