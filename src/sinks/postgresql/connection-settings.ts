import type { EndpointSetting } from '../endpoints/endpoint-setting.js';
import { sqlSettingKeys } from '../sql/connection.js';

const KEYS = sqlSettingKeys('POSTGRESQL');

/** Service properties the PostgreSQL sink reads (environment or a command's extraProperties), besides its model keys. */
export const POSTGRESQL_CONNECTION_SETTINGS: readonly string[] = [KEYS.url, KEYS.host, KEYS.database, KEYS.user, KEYS.ssl, KEYS.ca];

/** Those that name where it connects, or a file it reads (checked against the operator's allow-list: src/sinks/endpoints/). */
export const POSTGRESQL_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: KEYS.url, kind: 'postgresql' },
  { key: KEYS.host, kind: 'postgresql' },
  { key: KEYS.ca, kind: 'file' },
];
