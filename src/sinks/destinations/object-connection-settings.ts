/**
 * Service properties the object-store sinks read (environment or a command's extraProperties) besides the model's
 * Table_Names/Options keys and the credentials src/sinks/secret-keys.ts declares: endpoints for S3-compatible
 * stores, Ozone's S3 gateway, Azurite and GCS emulators, upload part sizes, and the credentials that have no
 * Table_Names key in the original (secret by their names, src/secrets.ts).
 */
export const OBJECT_STORE_CONNECTION_SETTINGS: readonly string[] = [
  'S3_ENDPOINT', 'S3_FORCE_PATH_STYLE', 'S3_PART_SIZE',
  'OZONE_S3_ENDPOINT', 'OZONE_S3_REGION', 'OZONE_S3_ACCESS_KEY_ID', 'OZONE_S3_ACCESS_KEY_SECRET',
  'ADLS_ENDPOINT', 'ADLS_CONNECTION_STRING',
  'GCS_ENDPOINT', 'GCS_CHUNK_SIZE',
];
