import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the Kudu sink reads (environment or a command's extraProperties), besides its model keys. */
export const KUDU_CONNECTION_SETTINGS: readonly string[] = ['KUDU_MASTERS'];

/** Those that name where it connects (checked against the operator's allow-list: src/sinks/endpoints/). */
export const KUDU_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'KUDU_MASTERS', kind: 'host-list' }];
