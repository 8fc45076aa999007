/**
 * The gcs_* sinks' settings (pure). Table_Names GCS_BUCKET (required), GCS_DIRECTORY (default the bucket's root),
 * GCS_OBJECT_NAME (file name prefix, default the model's name), GCS_PROJECT_ID, GCS_REGION (checked, unused: the
 * bucket is not created), and credentials as the original: GCS_ACCOUNT_KEY_PATH (a service account's JSON key
 * file on the service's host), or GCS_ACCOUNT_ACCESS_TOKEN (a secret), else application default credentials.
 * Properties GCS_ENDPOINT (an emulator such as fake-gcs-server: no credentials are sent to it unless given) and
 * GCS_CHUNK_SIZE (bytes per resumable-upload request, a multiple of 256 KiB, default 8 MiB).
 */
import path from 'node:path';
import type { SinkContext } from '../types.js';
import type { GcsAuth, GcsSettings } from './gcs.js';
import { basePrefix, byteSize, invalid, objectDir, required, setting, urlProperty } from './object-settings.js';
import type { ObjectStoreSettings } from './s3-settings.js';

const KIB256 = 256 * 1024;
export const GCS_DEFAULT_CHUNK_SIZE = 32 * KIB256;

/** Bucket naming: 3–63 of a-z 0-9 - _ ., starting and ending with a letter or digit. */
export function gcsBucketProblem(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/.test(name) ? undefined : 'is not a bucket name (3 to 63 lower-case letters, digits, "-", "_" or ".", starting and ending with a letter or digit)';
}

function auth(ctx: SinkContext): GcsAuth {
  const keyFilename = setting(ctx, 'Table_Names', 'GCS_ACCOUNT_KEY_PATH');
  if (keyFilename !== undefined) {
    if (!path.isAbsolute(keyFilename) || !keyFilename.endsWith('.json')) throw invalid('GCS_ACCOUNT_KEY_PATH', keyFilename, 'must be the absolute path of a JSON key file');
    return { kind: 'key-file', keyFilename };
  }
  const accessToken = setting(ctx, 'Table_Names', 'GCS_ACCOUNT_ACCESS_TOKEN');
  if (accessToken !== undefined) return { kind: 'access-token', accessToken };
  return { kind: 'default' };
}

export function gcsSettings(ctx: SinkContext): ObjectStoreSettings<GcsSettings> {
  const bucket = required(ctx, 'Table_Names', 'GCS_BUCKET', 'gcs');
  const problem = gcsBucketProblem(bucket);
  if (problem) throw invalid('GCS_BUCKET', bucket, problem);
  const projectId = setting(ctx, 'Table_Names', 'GCS_PROJECT_ID');
  if (projectId !== undefined && !/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(projectId)) throw invalid('GCS_PROJECT_ID', projectId, 'is not a project id (6 to 30 lower-case letters, digits or "-")');
  const region = setting(ctx, 'Table_Names', 'GCS_REGION');
  if (region !== undefined && !/^[a-zA-Z0-9-]{2,40}$/.test(region)) throw invalid('GCS_REGION', region, 'is not a location (such as europe-west1 or EU)');
  const endpoint = urlProperty(ctx, 'GCS_ENDPOINT');
  const chunkSize = byteSize(ctx, 'GCS_CHUNK_SIZE', GCS_DEFAULT_CHUNK_SIZE, KIB256);
  if (chunkSize % KIB256 !== 0) throw invalid('GCS_CHUNK_SIZE', String(chunkSize), 'must be a multiple of 262144 (256 KiB)', 'property');
  return {
    settings: { bucket, ...(projectId ? { projectId } : {}), ...(endpoint ? { endpoint } : {}), auth: auth(ctx), chunkSize },
    dir: objectDir(setting(ctx, 'Table_Names', 'GCS_DIRECTORY'), 'GCS_DIRECTORY'),
    base: basePrefix(ctx, 'GCS_OBJECT_NAME'),
  };
}
