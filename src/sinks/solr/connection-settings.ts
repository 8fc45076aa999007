import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the Solr sink reads (environment or a command's extraProperties), besides its model keys. */
export const SOLR_CONNECTION_SETTINGS: readonly string[] = ['SOLR_URL'];

/** Those that name where it connects (checked against the operator's allow-list: src/sinks/endpoints/). */
export const SOLR_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'SOLR_URL', kind: 'url' }];
