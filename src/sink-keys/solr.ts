/** The model keys the Solr sink reads. */
import type { SinkModelKeys } from './option-kind.js';

export const SOLR_MODEL_KEYS: SinkModelKeys = {
  tableNames: ['SOLR_COLLECTION', 'SOLR_USE_KERBEROS', 'SOLR_USER', 'SOLR_KEYTAB', 'SOLR_KEYSTORE_LOCATION', 'SOLR_KEYSTORE_PASSWORD',
    'SOLR_TRUSTSTORE_LOCATION', 'SOLR_TRUSTSTORE_PASSWORD'],
  options: { SOLR_SHARDS: 'int', SOLR_REPLICAS: 'int', SOLR_JAAS_FILE_PATH: 'text', SOLR_PRIMARY_KEY: 'columns' },
};
