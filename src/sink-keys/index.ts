/**
 * Every Table_Names and Options key the sinks read, declared once per sink (a file here each), so the model's list of
 * known keys (src/model/model-keys.ts) and the sinks' reads cannot drift: test/unit/sinks/model-keys.test.ts checks
 * that every key a sink reads is declared. A folder of its own, importing nothing: the model (which warns about
 * unknown keys) and the sinks (which read them) both depend on it, and neither on the other through it.
 */
import { DESTINATION_MODEL_KEYS } from './destinations.js';
import { FILE_MODEL_KEYS } from './files.js';
import { HBASE_MODEL_KEYS } from './hbase.js';
import { HIVE_MODEL_KEYS } from './hive.js';
import { KAFKA_MODEL_KEYS } from './kafka.js';
import { KUDU_MODEL_KEYS } from './kudu.js';
import { MYSQL_MODEL_KEYS } from './mysql.js';
import type { SinkModelKeys } from './option-kind.js';
import { POSTGRESQL_MODEL_KEYS } from './postgresql.js';
import { SOLR_MODEL_KEYS } from './solr.js';

export const SINK_MODEL_KEYS: readonly SinkModelKeys[] = [
  FILE_MODEL_KEYS, DESTINATION_MODEL_KEYS, HIVE_MODEL_KEYS, HBASE_MODEL_KEYS, KAFKA_MODEL_KEYS, KUDU_MODEL_KEYS, SOLR_MODEL_KEYS,
  POSTGRESQL_MODEL_KEYS, MYSQL_MODEL_KEYS,
];
