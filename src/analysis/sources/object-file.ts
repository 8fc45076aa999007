/**
 * A file on HDFS, S3, ADLS or GCS to analyse, read through the destination the matching file sinks write with,
 * connected by the service's own settings (endpoints checked as the sinks check them): a request names the bucket
 * (or container) and the key, or the HDFS path, nothing else. CSV, JSON Lines and Avro are streamed; a Parquet or ORC
 * file is read whole (at most MAX_PARQUET_BYTES), as object stores give no ranged read here.
 */
import { Readable } from 'node:stream';
import type { AsyncBuffer } from 'hyparquet';
import { BadRequestError, NotFoundError } from '../../errors.js';
import type { Destination } from '../../sinks/destinations/destination.js';
import { HDFS_ENDPOINT_SETTINGS, hdfsTarget } from '../../sinks/destinations/hdfs-settings.js';
import { ADLS_ENDPOINT_SETTINGS, GCS_ENDPOINT_SETTINGS, S3_ENDPOINT_SETTINGS } from '../../sinks/destinations/object-connection-settings.js';
import { objectDir } from '../../sinks/destinations/object-settings.js';
import { adlsTarget, gcsTarget, s3Target } from '../../sinks/destinations/object-targets.js';
import { assertEndpointsAllowed } from '../../sinks/endpoints/check.js';
import type { EndpointSetting } from '../../sinks/endpoints/endpoint-setting.js';
import type { SinkContext, SinkSettings } from '../../sinks/types.js';
import type { RecordSource, Records } from '../record-source.js';
import { fileModelName, recordsOf, type FileFormat } from './local-file.js';
import { readFailure, tableContext } from './sql-table.js';

export const STORES = ['hdfs', 's3', 'adls', 'gcs'] as const;
export type Store = (typeof STORES)[number];

export const MAX_PARQUET_BYTES = 256 * 1024 * 1024;

interface StoreSpec {
  endpoints: readonly EndpointSetting[];
  /** The Table_Names key naming the bucket or container (none for HDFS). */
  bucketKey?: string;
  destination: (ctx: SinkContext) => Destination;
}

const SPECS: Record<Store, StoreSpec> = {
  hdfs: { endpoints: HDFS_ENDPOINT_SETTINGS, destination: (ctx) => hdfsTarget(ctx).destination },
  s3: { endpoints: S3_ENDPOINT_SETTINGS, bucketKey: 'S3_BUCKET', destination: (ctx) => s3Target(ctx).destination },
  adls: { endpoints: ADLS_ENDPOINT_SETTINGS, bucketKey: 'ADLS_CONTAINER', destination: (ctx) => adlsTarget(ctx).destination },
  gcs: { endpoints: GCS_ENDPOINT_SETTINGS, bucketKey: 'GCS_BUCKET', destination: (ctx) => gcsTarget(ctx).destination },
};

async function wholeFile(dest: Destination, file: string): Promise<AsyncBuffer> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of dest.read(file)) {
    size += chunk.length;
    if (size > MAX_PARQUET_BYTES) throw new BadRequestError(`a Parquet or ORC file on an object store is analysed only up to ${MAX_PARQUET_BYTES} bytes: ${dest.describe(file)} is larger`);
    chunks.push(chunk);
  }
  const all = Buffer.concat(chunks);
  const buffer = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
  return { byteLength: buffer.byteLength, slice: (start, end) => buffer.slice(start, end) };
}

/** `key` as the sinks' directories are held (no "." or ".." part, no control character): its '/'-joined parts. */
function plainPath(key: string, param: string): string {
  let path: string;
  try {
    path = objectDir(key, param);
  } catch {
    throw new BadRequestError(`parameter ${param} ${JSON.stringify(key.slice(0, 200))} must not have a "." or ".." part, a control character or a backslash`, { parameter: param });
  }
  if (!path) throw new BadRequestError(`parameter ${param} names no file`, { parameter: param });
  return path;
}

/** The records, and the destination closed once they are read (or given up). */
async function* closing(records: AsyncIterable<Record<string, unknown>>, dest: Destination): AsyncIterable<Record<string, unknown>> {
  try {
    yield* records;
  } finally {
    await dest.close().catch(() => {});
  }
}

/** `store`'s file `key` (in `bucket`, except on HDFS, where `key` is the absolute path). */
export function objectFileSource(store: Store, format: FileFormat, settings: SinkSettings, key: string, bucket?: string): RecordSource {
  const spec = SPECS[store];
  return {
    name: fileModelName(key),
    open: async (limit) => {
      const param = store === 'hdfs' ? 'filepath' : 'key';
      const path = plainPath(key, param);
      const file = store === 'hdfs' ? `/${path}` : path;
      const ctx = tableContext(settings, fileModelName(key), spec.bucketKey && bucket ? { [spec.bucketKey]: bucket } : {});
      assertEndpointsAllowed(ctx, spec.endpoints);
      const dest = spec.destination(ctx);
      const where = dest.describe(file);
      let records: Records;
      try {
        if (!(await dest.exists(file))) throw new NotFoundError(`${where}: there is no such file`, { file: where });
        records = await recordsOf(format, { stream: () => Readable.from(dest.read(file)), ranged: () => wholeFile(dest, file) }, limit, where);
      } catch (err) {
        await dest.close().catch(() => {});
        if (err instanceof BadRequestError || err instanceof NotFoundError) throw err;
        throw readFailure(where, 'reading the file', err);
      }
      return { ...records, records: closing(records.records, dest) };
    },
  };
}
