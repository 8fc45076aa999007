/** The model keys the Solr sink reads. */
import { kerberosHelp, type SinkModelKeys } from './option-kind.js';

export const SOLR_MODEL_KEYS: SinkModelKeys = {
  label: 'Solr',
  tableNames: ['SOLR_COLLECTION', 'SOLR_USE_KERBEROS', 'SOLR_USER', 'SOLR_KEYTAB', 'SOLR_KEYSTORE_LOCATION', 'SOLR_KEYSTORE_PASSWORD',
    'SOLR_TRUSTSTORE_LOCATION', 'SOLR_TRUSTSTORE_PASSWORD'],
  options: { SOLR_SHARDS: 'int', SOLR_REPLICAS: 'int', SOLR_JAAS_FILE_PATH: 'text', SOLR_PRIMARY_KEY: 'columns' },
  help: {
    SOLR_COLLECTION: 'Solr collection.',
    ...kerberosHelp('SOLR', 'Solr'),
    SOLR_KEYSTORE_LOCATION: 'Client keystore file (TLS).',
    SOLR_KEYSTORE_PASSWORD: 'Keystore password (prefer stored credentials).',
    SOLR_TRUSTSTORE_LOCATION: 'Truststore file (TLS).',
    SOLR_TRUSTSTORE_PASSWORD: 'Truststore password (prefer stored credentials).',
    SOLR_SHARDS: 'Shards of a collection the sink creates.',
    SOLR_REPLICAS: 'Replicas of a collection the sink creates.',
    SOLR_JAAS_FILE_PATH: 'JAAS file for Kerberos.',
    SOLR_PRIMARY_KEY: 'Column used as the document id.',
  },
};
