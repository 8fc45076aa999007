/**
 * Settings of the Kafka sink (model Table_Names/Options or service properties) whose values are credentials.
 * The original's keystore passwords and keytab, plus the usual client names for SSL keys, SASL and the
 * schema registry's basic auth. The secret rule (src/secrets.ts) collects this list.
 */
export const KAFKA_SECRET_KEYS: readonly string[] = [
  'KAFKA_KEYTAB', 'KAFKA_KEYSTORE_PASSWORD', 'KAFKA_KEYSTORE_KEY_PASSWORD', 'KAFKA_TRUSTSTORE_PASSWORD',
  'KAFKA_SSL_KEY', 'KAFKA_SSL_KEY_PASSWORD', 'KAFKA_SSL_KEYSTORE_PASSWORD', 'KAFKA_SSL_TRUSTSTORE_PASSWORD',
  'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_JAAS_CONFIG', 'KAFKA_JAAS_CONFIG',
  'SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO', 'SCHEMA_REGISTRY_PASSWORD', 'SCHEMA_REGISTRY_API_SECRET',
];
