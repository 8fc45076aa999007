/**
 * The settings a user may give for one command (extraProperties): the connection properties the sinks read, the
 * credentials they declare, and the model keys (Table_Names and Options), which the Kafka and HBase sinks also
 * read from properties. Anything else is refused, internal settings (DATAGEN_*) first of all: they are set by
 * the service itself (e.g. a schedule execution's number, which names its files).
 */
import { OPTION_KEYS, TABLE_NAME_KEYS } from '../model/model-keys.js';
import { didYouMean } from '../model/suggest.js';
import { HDFS_CONNECTION_SETTINGS } from './destinations/hdfs-settings.js';
import { OBJECT_STORE_CONNECTION_SETTINGS } from './destinations/object-connection-settings.js';
import { HBASE_CONNECTION_SETTINGS } from './hbase/connection-settings.js';
import { HIVE_CONNECTION_SETTINGS } from './hive/connection-settings.js';
import { KAFKA_CONNECTION_SETTINGS } from './kafka/connection-settings.js';
import { KUDU_CONNECTION_SETTINGS } from './kudu/connection-settings.js';
import { MYSQL_CONNECTION_SETTINGS } from './mysql/connection-settings.js';
import { POSTGRESQL_CONNECTION_SETTINGS } from './postgresql/connection-settings.js';
import { SINK_SECRET_KEYS } from './secret-keys.js';
import { SOLR_CONNECTION_SETTINGS } from './solr/connection-settings.js';

export const USER_SETTINGS: readonly string[] = [
  ...new Set([
    ...KAFKA_CONNECTION_SETTINGS, ...HBASE_CONNECTION_SETTINGS, ...HIVE_CONNECTION_SETTINGS, ...HDFS_CONNECTION_SETTINGS, ...OBJECT_STORE_CONNECTION_SETTINGS, ...POSTGRESQL_CONNECTION_SETTINGS, ...MYSQL_CONNECTION_SETTINGS, ...SOLR_CONNECTION_SETTINGS, ...KUDU_CONNECTION_SETTINGS,
    ...SINK_SECRET_KEYS, ...TABLE_NAME_KEYS, ...OPTION_KEYS,
  ]),
].sort();

const ALLOWED: ReadonlySet<string> = new Set(USER_SETTINGS);

/** Settings only the service sets. */
export function isInternalSetting(key: string): boolean {
  return /^DATAGEN_/i.test(key);
}

/** Why `key` cannot be given by a user, or undefined when it can. */
export function userSettingProblem(key: string): string | undefined {
  if (isInternalSetting(key)) return 'is an internal setting of the service and cannot be set';
  if (ALLOWED.has(key)) return undefined;
  return `is not a setting any sink reads${didYouMean(key, USER_SETTINGS)}`;
}
