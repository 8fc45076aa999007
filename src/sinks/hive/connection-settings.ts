import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

/** Service properties the Hive sink reads (environment or a command's extraProperties), besides its model keys. */
export const HIVE_CONNECTION_SETTINGS: readonly string[] = ['HIVE_URL'];

/** HIVE_URL (hive2://host:port) names the HiveServer2 it connects to (checked against the operator's allow-list). */
export const HIVE_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'HIVE_URL', kind: 'host-list' }];
