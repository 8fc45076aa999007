import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the Kafka sink reads (environment or a command's extraProperties), besides its model keys. */
export const KAFKA_CONNECTION_SETTINGS: readonly string[] = [
  'KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'KAFKA_CLIENT', 'KAFKA_SECURITY_PROTOCOL', 'KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME',
  'SCHEMA_REGISTRY_USERNAME', 'SCHEMA_REGISTRY_SSL_CA_LOCATION',
];

/**
 * Those that name where it connects or a file it reads (checked against the operator's allow-list:
 * src/sinks/endpoints/): a command may name only the truststore, keystore and registry CA the service's environment names.
 */
export const KAFKA_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'KAFKA_BROKERS', kind: 'host-list' },
  { key: 'SCHEMA_REGISTRY_URL', kind: 'url' },
  { key: 'SCHEMA_REGISTRY_SSL_CA_LOCATION', kind: 'file' },
  { key: 'KAFKA_TRUSTSTORE_LOCATION', kind: 'file', section: 'Table_Names' },
  { key: 'KAFKA_KEYSTORE_LOCATION', kind: 'file', section: 'Table_Names' },
];
