/**
 * The s3_* and ozone_* sinks' settings (pure): where the files go and how to reach the store.
 *
 * S3: Table_Names S3_BUCKET (required), S3_DIRECTORY (key prefix, default the bucket's root), S3_KEY_NAME (file
 * name prefix, default the model's name), S3_REGION (default us-east-1), S3_ACCESS_KEY_ID / S3_ACCESS_KEY_SECRET
 * (secrets; both or neither: without them the SDK's default provider chain); properties S3_ENDPOINT (an
 * S3-compatible store), S3_FORCE_PATH_STYLE (default true with an endpoint), S3_PART_SIZE (default 8 MiB).
 *
 * Ozone is reached through its S3 gateway: OZONE_S3_ENDPOINT (required, e.g. http://s3g:9878). The gateway serves
 * the buckets of one volume (ozone.s3g.volume, default s3v) as S3 buckets, so OZONE_BUCKET is the S3 bucket and
 * OZONE_VOLUME must be that volume (a bucket of another volume is reached through a link of the same name in it:
 * `ozone sh bucket link /<volume>/<bucket> /s3v/<bucket>`). OZONE_KEY_NAME is the key prefix, at the bucket's
 * root as the original wrote it, or under the directory it names (`dir/name`). Credentials: OZONE_S3_ACCESS_KEY_ID /
 * OZONE_S3_ACCESS_KEY_SECRET (from `ozone s3 getsecret` on a secure cluster), else the SDK's provider chain.
 */
import { BadRequestError } from '../../errors.js';
import { plainName } from '../files/plain-name.js';
import type { SinkContext } from '../types.js';
import { basePrefix, booleanProperty, byteSize, invalid, objectDir, property, required, setting, urlProperty } from './object-settings.js';
import type { S3DestinationSettings } from './s3.js';

export interface ObjectStoreSettings<S> {
  settings: S;
  /** Key prefix of the command's files ('' is the bucket's or container's root). */
  dir: string;
  /** File name prefix before any schedule execution part. */
  base: string;
}

const MIB = 1024 * 1024;
/** S3's smallest part but the last. */
export const S3_MIN_PART_SIZE = 5 * MIB;
export const S3_DEFAULT_PART_SIZE = 8 * MIB;

/** S3 (and Ozone) bucket naming: 3–63 of a-z 0-9 . -, starting and ending with a letter or digit, no "..". */
export function bucketNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return 'is not a bucket name (3 to 63 lower-case letters, digits, "." or "-", starting and ending with a letter or digit)';
  if (name.includes('..')) return 'is not a bucket name (no "..")';
  return undefined;
}

function bucket(ctx: SinkContext, key: string, sink: string): string {
  const name = required(ctx, 'Table_Names', key, sink);
  const problem = bucketNameProblem(name);
  if (problem) throw invalid(key, name, problem);
  return name;
}

function credentials(ctx: SinkContext, idKey: string, secretKey: string, read: (key: string) => string | undefined): S3DestinationSettings['credentials'] {
  const accessKeyId = read(idKey);
  const secretAccessKey = read(secretKey);
  if (accessKeyId === undefined && secretAccessKey === undefined) return undefined;
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    const missing = accessKeyId === undefined ? idKey : secretKey;
    const given = accessKeyId === undefined ? secretKey : idKey;
    throw new BadRequestError(`${given} is set but ${missing} is not: give both, or neither to use the default credential chain`, { field: missing });
  }
  return { accessKeyId, secretAccessKey };
}

export function s3Settings(ctx: SinkContext): ObjectStoreSettings<S3DestinationSettings> {
  const endpoint = urlProperty(ctx, 'S3_ENDPOINT');
  return {
    settings: {
      kind: 's3',
      bucket: bucket(ctx, 'S3_BUCKET', 's3'),
      region: setting(ctx, 'Table_Names', 'S3_REGION') ?? 'us-east-1',
      ...(endpoint ? { endpoint } : {}),
      forcePathStyle: booleanProperty(ctx, 'S3_FORCE_PATH_STYLE', endpoint !== undefined),
      ...optional('credentials', credentials(ctx, 'S3_ACCESS_KEY_ID', 'S3_ACCESS_KEY_SECRET', (k) => setting(ctx, 'Table_Names', k))),
      partSize: byteSize(ctx, 'S3_PART_SIZE', S3_DEFAULT_PART_SIZE, S3_MIN_PART_SIZE),
      createBucket: true,
    },
    dir: objectDir(setting(ctx, 'Table_Names', 'S3_DIRECTORY'), 'S3_DIRECTORY'),
    base: basePrefix(ctx, 'S3_KEY_NAME'),
  };
}

/** The volume Ozone's S3 gateway serves unless configured otherwise (ozone.s3g.volume). */
export const OZONE_S3_VOLUME = 's3v';

export function ozoneSettings(ctx: SinkContext): ObjectStoreSettings<S3DestinationSettings> {
  const endpoint = urlProperty(ctx, 'OZONE_S3_ENDPOINT');
  if (!endpoint) {
    throw new BadRequestError('the ozone sinks write through Ozone\'s S3 gateway: set OZONE_S3_ENDPOINT (e.g. http://s3g-host:9878) in the service environment or as a command property', {
      field: 'OZONE_S3_ENDPOINT',
    });
  }
  const volume = setting(ctx, 'Table_Names', 'OZONE_VOLUME');
  if (volume !== undefined && bucketNameProblem(volume)) throw invalid('OZONE_VOLUME', volume, 'is not an Ozone volume name (3 to 63 lower-case letters, digits, "." or "-")');
  const keyName = setting(ctx, 'Table_Names', 'OZONE_KEY_NAME');
  const slash = keyName?.lastIndexOf('/') ?? -1;
  const dir = keyName !== undefined && slash >= 0 ? objectDir(keyName.slice(0, slash), 'OZONE_KEY_NAME') : '';
  const base = keyName === undefined ? plainName(ctx.model.name, 'model_name') : plainName(keyName.slice(slash + 1), 'Table_Names.OZONE_KEY_NAME');
  return {
    settings: {
      kind: 'ozone',
      bucket: bucket(ctx, 'OZONE_BUCKET', 'ozone'),
      region: property(ctx, 'OZONE_S3_REGION') ?? 'us-east-1',
      endpoint,
      forcePathStyle: true,
      ...optional('credentials', credentials(ctx, 'OZONE_S3_ACCESS_KEY_ID', 'OZONE_S3_ACCESS_KEY_SECRET', (k) => setting(ctx, 'Table_Names', k))),
      partSize: byteSize(ctx, 'S3_PART_SIZE', S3_DEFAULT_PART_SIZE, S3_MIN_PART_SIZE),
      // The original created the volume and bucket; through the gateway a missing bucket is created in its volume.
      createBucket: true,
    },
    dir,
    base,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
