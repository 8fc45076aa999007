/** Service properties the Kafka sink reads (environment or a command's extraProperties), besides its model keys. */
export const KAFKA_CONNECTION_SETTINGS: readonly string[] = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL'];
