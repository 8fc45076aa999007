import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the HBase sink reads (environment or a command's extraProperties), besides its model keys. */
export const HBASE_CONNECTION_SETTINGS: readonly string[] = ['HBASE_REST_URL'];

/** Those that name where it connects (checked against the operator's allow-list: src/sinks/endpoints/). */
export const HBASE_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'HBASE_REST_URL', kind: 'url' }];
