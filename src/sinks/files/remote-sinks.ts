/**
 * The data-lake sinks of the original: every file format on HDFS, Ozone (through its S3 gateway), S3, ADLS (through
 * the Blob API) and GCS, named <store>_<format> (hdfs_csv, s3_parquet, ...). Each is the file sink of one format
 * composed with one storage: naming, single-file assembly, DELETE_PREVIOUS and idempotent batches are the local
 * files' own (file-sink.ts).
 */
import { HDFS_ENDPOINT_SETTINGS, hdfsTarget } from '../destinations/hdfs-settings.js';
import { ADLS_ENDPOINT_SETTINGS, GCS_ENDPOINT_SETTINGS, OZONE_ENDPOINT_SETTINGS, S3_ENDPOINT_SETTINGS } from '../destinations/object-connection-settings.js';
import { adlsTarget, gcsTarget, ozoneTarget, s3Target } from '../destinations/object-targets.js';
import { withEndpointCheck } from '../endpoints/check.js';
import type { EndpointSetting } from '../endpoints/endpoint-setting.js';
import type { Sink } from '../types.js';
import { avroFormat } from './avro.js';
import { csvFormat } from './csv.js';
import { fileSink } from './file-sink.js';
import type { FileStorage } from './file-storage.js';
import { jsonFormat } from './json.js';
import { orcFormat } from './orc.js';
import { parquetFormat } from './parquet.js';

/** Each storage with the settings that name where it connects (checked by withEndpointCheck). */
const STORAGES: Array<{ storage: FileStorage; endpoints: readonly EndpointSetting[] }> = [
  { storage: { servicePrefix: 'hdfs_', target: hdfsTarget }, endpoints: HDFS_ENDPOINT_SETTINGS },
  { storage: { servicePrefix: 'ozone_', target: ozoneTarget }, endpoints: OZONE_ENDPOINT_SETTINGS },
  { storage: { servicePrefix: 's3_', target: s3Target }, endpoints: S3_ENDPOINT_SETTINGS },
  { storage: { servicePrefix: 'adls_', target: adlsTarget }, endpoints: ADLS_ENDPOINT_SETTINGS },
  { storage: { servicePrefix: 'gcs_', target: gcsTarget }, endpoints: GCS_ENDPOINT_SETTINGS },
];

const FORMATS = [csvFormat, jsonFormat, avroFormat, parquetFormat, orcFormat];

export const remoteFileSinks: Record<string, Sink> = Object.fromEntries(
  STORAGES.flatMap(({ storage, endpoints }) => FORMATS.map((format) => withEndpointCheck(endpoints, fileSink(format, storage)))).map((sink) => [sink.name, sink]),
);
