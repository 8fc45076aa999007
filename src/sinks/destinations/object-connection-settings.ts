/**
 * Service properties the object-store sinks read (environment or a command's extraProperties) besides the model's
 * Table_Names/Options keys and the credentials src/sinks/secret-keys.ts declares: endpoints for S3-compatible
 * stores, Ozone's S3 gateway, Azurite and GCS emulators, upload part sizes, and the credentials that have no
 * Table_Names key in the original (secret by their names, src/secrets.ts).
 */
import type { EndpointSetting } from '../endpoints/endpoint-setting.js';

export const OBJECT_STORE_CONNECTION_SETTINGS: readonly string[] = [
  'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_PART_SIZE',
  'OZONE_S3_ENDPOINT', 'OZONE_S3_REGION', 'OZONE_S3_ACCESS_KEY_ID', 'OZONE_S3_ACCESS_KEY_SECRET',
  'ADLS_ENDPOINT', 'ADLS_CONNECTION_STRING',
  'GCS_ENDPOINT', 'GCS_CHUNK_SIZE',
];

/**
 * The settings of each store that name where it connects, or a file the service reads (checked against the
 * operator's allow-list: src/sinks/endpoints/). ADLS_CONNECTION_STRING and GCS_ACCOUNT_KEY_PATH are read from the
 * model's Table_Names first.
 */
export const S3_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'S3_ENDPOINT', kind: 'url' }];
export const OZONE_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [{ key: 'OZONE_S3_ENDPOINT', kind: 'url' }];
export const ADLS_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'ADLS_ENDPOINT', kind: 'url' },
  { key: 'ADLS_CONNECTION_STRING', kind: 'azure-connection-string', section: 'Table_Names' },
];
export const GCS_ENDPOINT_SETTINGS: readonly EndpointSetting[] = [
  { key: 'GCS_ENDPOINT', kind: 'url' },
  { key: 'GCS_ACCOUNT_KEY_PATH', kind: 'file', section: 'Table_Names' },
];
