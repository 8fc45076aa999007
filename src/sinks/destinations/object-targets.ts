/**
 * Each object store's file target, which the file sinks compose with a format (s3_json, ozone_parquet, ...): the
 * destination (built without connecting, so validate() may build it), the directory (a key prefix), the file name
 * prefix before any schedule execution part (`base`) and with it (`prefix`). Settings errors are 400s naming the key.
 */
import type { SinkContext } from '../types.js';
import { azureBlobDestination } from './azure-blob.js';
import { adlsSettings } from './azure-settings.js';
import type { Destination } from './destination.js';
import { gcsDestination } from './gcs.js';
import { gcsSettings } from './gcs-settings.js';
import { prefixOf } from './object-settings.js';
import { s3Destination } from './s3.js';
import { ozoneSettings, s3Settings, type ObjectStoreSettings } from './s3-settings.js';

export interface ObjectTarget {
  destination: Destination;
  dir: string;
  base: string;
  prefix: string;
}

function target<S>(ctx: SinkContext, read: (ctx: SinkContext) => ObjectStoreSettings<S>, make: (settings: S) => Destination): ObjectTarget {
  const { settings, dir, base } = read(ctx);
  return { destination: make(settings), dir, base, prefix: prefixOf(ctx, base) };
}

export const s3Target = (ctx: SinkContext): ObjectTarget => target(ctx, s3Settings, s3Destination);

/** Ozone through its S3 gateway (s3-settings.ts says how OZONE_VOLUME/OZONE_BUCKET map onto it). */
export const ozoneTarget = (ctx: SinkContext): ObjectTarget => target(ctx, ozoneSettings, s3Destination);

/** ADLS and Azure Blob accounts, both through the Blob API (azure-settings.ts). */
export const adlsTarget = (ctx: SinkContext): ObjectTarget => target(ctx, adlsSettings, azureBlobDestination);

export const gcsTarget = (ctx: SinkContext): ObjectTarget => target(ctx, gcsSettings, gcsDestination);
