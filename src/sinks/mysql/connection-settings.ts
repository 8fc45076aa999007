import type { EndpointSetting } from '../endpoints/endpoint-setting.js';
import { sqlSettingKeys } from '../sql/connection.js';

const KEYS = sqlSettingKeys('MYSQL');

/** Service properties the MySQL/MariaDB sink reads (environment or a command's extraProperties), besides its model keys. */
export const MYSQL_CONNECTION_SETTINGS: readonly string[] = [KEYS.url, KEYS.host, KEYS.database, KEYS.user, KEYS.ssl, KEYS.ca];

/** Those that name where it connects, or a file it reads (checked against the operator's allow-list: src/sinks/endpoints/). */
export const MYSQL_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: KEYS.url, kind: 'mysql' },
  { key: KEYS.host, kind: 'mysql' },
  { key: KEYS.ca, kind: 'file' },
];
