import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the HBase sink reads (environment or a command's extraProperties), besides its model keys. */
export const HBASE_CONNECTION_SETTINGS: readonly string[] = ['HBASE_REST_URL', 'HBASE_REST_USERNAME', 'HBASE_REST_SSL_CA_LOCATION'];

/**
 * Those that name where it connects or a file it reads (checked against the operator's allow-list:
 * src/sinks/endpoints/): a command may name only the CA file the service's environment names.
 */
export const HBASE_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'HBASE_REST_URL', kind: 'url' },
  { key: 'HBASE_REST_SSL_CA_LOCATION', kind: 'file' },
];
