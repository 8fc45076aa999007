import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the Kafka sink reads (environment or a command's extraProperties), besides its model keys. */
export const KAFKA_CONNECTION_SETTINGS: readonly string[] = ['KAFKA_BROKERS', 'SCHEMA_REGISTRY_URL', 'KAFKA_CLIENT'];

/** Those that name where it connects (checked against the operator's allow-list: src/sinks/endpoints/). */
export const KAFKA_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'KAFKA_BROKERS', kind: 'host-list' },
  { key: 'SCHEMA_REGISTRY_URL', kind: 'url' },
];
