/**
 * The data-lake sinks of the original: every file format on HDFS, Ozone (through its S3 gateway), S3, ADLS (through
 * the Blob API) and GCS, named <store>_<format> (hdfs_csv, s3_parquet, ...). Each is the file sink of one format
 * composed with one storage: naming, single-file assembly, DELETE_PREVIOUS and idempotent batches are the local
 * files' own (file-sink.ts).
 */
import { hdfsTarget } from '../destinations/hdfs-settings.js';
import { adlsTarget, gcsTarget, ozoneTarget, s3Target } from '../destinations/object-targets.js';
import type { Sink } from '../types.js';
import { avroFormat } from './avro.js';
import { csvFormat } from './csv.js';
import { fileSink } from './file-sink.js';
import type { FileStorage } from './file-storage.js';
import { jsonFormat } from './json.js';
import { orcFormat } from './orc.js';
import { parquetFormat } from './parquet.js';

const STORAGES: FileStorage[] = [
  { servicePrefix: 'hdfs_', target: hdfsTarget },
  { servicePrefix: 'ozone_', target: ozoneTarget },
  { servicePrefix: 's3_', target: s3Target },
  { servicePrefix: 'adls_', target: adlsTarget },
  { servicePrefix: 'gcs_', target: gcsTarget },
];

const FORMATS = [csvFormat, jsonFormat, avroFormat, parquetFormat, orcFormat];

export const remoteFileSinks: Record<string, Sink> = Object.fromEntries(
  STORAGES.flatMap((storage) => FORMATS.map((format) => fileSink(format, storage))).map((sink) => [sink.name, sink]),
);
