/**
 * An S3-compatible object store as a byte destination (AWS S3, Ozone's S3 gateway, s3proxy, MinIO...). A file is
 * a multipart upload: parts are buffered one at a time (part-uploader.ts) and uploaded as they fill, and the object
 * appears only at CompleteMultipartUpload on commit, replacing an earlier one of that key; abort sends
 * AbortMultipartUpload. A file smaller than one part is one PutObject on commit.
 */
import type { Readable } from 'node:stream';
import type { CompletedPart } from '@aws-sdk/client-s3';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import type { Destination } from './destination.js';
import { dirPrefix, nameInDir, objectKey } from './object-keys.js';
import { lazySdk } from './lazy-sdk.js';
import { partUploader } from './part-uploader.js';

const s3Sdk = lazySdk<typeof import('@aws-sdk/client-s3')>('@aws-sdk/client-s3');

export interface S3DestinationSettings {
  bucket: string;
  region: string;
  /** An S3-compatible endpoint (http://host:port); absent: AWS. */
  endpoint?: string;
  /** Path-style addressing (endpoint/bucket/key), as most S3-compatible stores want. */
  forcePathStyle: boolean;
  /** Static credentials; absent: the SDK's default provider chain (environment, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Minimum part size of a multipart upload (S3's own minimum is 5 MiB). */
  partSize: number;
  /** Create the bucket in makeDir when it is missing (the original's S3 and Ozone sinks did). */
  createBucket: boolean;
  /** 's3', or 'ozone' for Ozone's S3 gateway: names the destination in messages. */
  kind?: string;
}

/** S3's part limit; parts grow past it (part-uploader.ts). */
const MAX_PARTS = 10_000;

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.name === 'NoSuchBucket' || e?.$metadata?.httpStatusCode === 404;
}

export function s3Destination(s: S3DestinationSettings): Destination {
  const {
    AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, DeleteObjectCommand,
    DeleteObjectsCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, ListMultipartUploadsCommand, ListObjectsV2Command, PutObjectCommand, S3Client,
    UploadPartCommand,
  } = s3Sdk();
  const client = new S3Client({
    region: s.region,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    forcePathStyle: s.forcePathStyle,
    ...(s.credentials ? { credentials: s.credentials } : {}),
    // S3-compatible stores often reject the SDK's default trailing checksums (aws-chunked uploads).
    ...(s.endpoint ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
  });
  const kind = s.kind ?? 's3';
  const where = s.endpoint ? ` at ${redactUrlUserInfo(s.endpoint)}` : '';
  const describe = (p: string) => `${kind}://${s.bucket}/${objectKey(p)}${where}`;
  const fail = (what: string, p: string) => (err: unknown): never => {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    const code = e?.$metadata?.httpStatusCode;
    const status = code ? ` (HTTP ${code})` : '';
    // A HEAD answer has no body, so the SDK names a refusal "Unknown: UnknownError": say what a 403 means instead.
    const cause = code === 403 && e?.name === 'Unknown' ? 'AccessDenied: the store refused the credentials or their permissions' : `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
    throw new Error(`${what} ${describe(p)} failed: ${cause}${status}`);
  };

  async function keysUnder(prefix: string, delimiter?: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: s.bucket, Prefix: prefix, ...(delimiter ? { Delimiter: delimiter } : {}), ...(token ? { ContinuationToken: token } : {}) }),
      );
      for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys;
  }

  /** Multipart uploads a killed writer left under `prefix`: invisible, but stored (and billed) until aborted. */
  async function abortUploadsUnder(prefix: string): Promise<void> {
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    do {
      const page = await client.send(new ListMultipartUploadsCommand({ Bucket: s.bucket, Prefix: prefix, ...(keyMarker ? { KeyMarker: keyMarker, UploadIdMarker: uploadIdMarker } : {}) }));
      for (const u of page.Uploads ?? []) {
        if (u.Key !== undefined && u.UploadId) await client.send(new AbortMultipartUploadCommand({ Bucket: s.bucket, Key: u.Key, UploadId: u.UploadId }));
      }
      [keyMarker, uploadIdMarker] = page.IsTruncated ? [page.NextKeyMarker, page.NextUploadIdMarker] : [undefined, undefined];
    } while (keyMarker);
  }

  return {
    kind,
    describe,

    async makeDir(dir) {
      try {
        await client.send(new HeadBucketCommand({ Bucket: s.bucket }));
        return;
      } catch (err) {
        if (!isNotFound(err)) fail('checking bucket of', dir)(err);
        if (!s.createBucket) throw new Error(`bucket ${s.bucket} of ${describe(dir)} does not exist`);
      }
      const config = !s.endpoint && s.region !== 'us-east-1' ? { CreateBucketConfiguration: { LocationConstraint: s.region as never } } : {};
      await client.send(new CreateBucketCommand({ Bucket: s.bucket, ...config })).catch((err: Error) => {
        // Another command (or worker) created it first.
        if (err.name === 'BucketAlreadyOwnedByYou') return;
        fail('creating bucket of', dir)(err);
      });
    },

    async create(file) {
      const key = objectKey(file);
      let uploadId: string | undefined;
      let opening: Promise<string> | undefined;
      const upload = () =>
        (opening ??= client.send(new CreateMultipartUploadCommand({ Bucket: s.bucket, Key: key })).then((r) => {
          if (!r.UploadId) throw new Error('no UploadId in the answer');
          return (uploadId = r.UploadId);
        }));
      const out = partUploader<CompletedPart>({ partSize: s.partSize, concurrency: 1, maxParts: MAX_PARTS }, {
        async uploadPart(index, bytes) {
          const id = await upload();
          const r = await client.send(new UploadPartCommand({ Bucket: s.bucket, Key: key, UploadId: id, PartNumber: index + 1, Body: bytes, ContentLength: bytes.byteLength }));
          return { PartNumber: index + 1, ETag: r.ETag };
        },
        async finish(parts, whole) {
          if (whole) {
            await client.send(new PutObjectCommand({ Bucket: s.bucket, Key: key, Body: whole, ContentLength: whole.byteLength }));
            return;
          }
          await client.send(new CompleteMultipartUploadCommand({ Bucket: s.bucket, Key: key, UploadId: await upload(), MultipartUpload: { Parts: parts } }));
        },
        async discard() {
          await opening?.catch(() => undefined);
          if (uploadId) await client.send(new AbortMultipartUploadCommand({ Bucket: s.bucket, Key: key, UploadId: uploadId }));
        },
      });
      return {
        write: (bytes) => out.write(bytes).catch(fail('writing', file)),
        commit: () => out.commit().catch(fail('committing', file)),
        abort: () => out.abort().catch(fail('aborting', file)),
      };
    },

    async *read(file) {
      const r = await client.send(new GetObjectCommand({ Bucket: s.bucket, Key: objectKey(file) })).catch(fail('reading', file));
      if (!r.Body) return;
      for await (const chunk of r.Body as Readable) yield chunk as Uint8Array;
    },

    async exists(file) {
      try {
        await client.send(new HeadObjectCommand({ Bucket: s.bucket, Key: objectKey(file) }));
        return true;
      } catch (err) {
        if (isNotFound(err)) return false;
        return fail('checking', file)(err);
      }
    },

    async list(dir) {
      const prefix = dirPrefix(dir);
      const keys = await keysUnder(prefix, '/').catch((err: unknown) => (isNotFound(err) ? [] : fail('listing', dir)(err)));
      return keys.map((k) => nameInDir(prefix, k)).filter((n): n is string => n !== undefined);
    },

    async remove(file) {
      await client.send(new DeleteObjectCommand({ Bucket: s.bucket, Key: objectKey(file) })).catch((err: unknown) => {
        if (!isNotFound(err)) fail('removing', file)(err);
      });
    },

    async removeDir(dir) {
      const prefix = dirPrefix(dir);
      await abortUploadsUnder(prefix).catch((err: unknown) => (isNotFound(err) ? undefined : fail('listing uploads of', dir)(err)));
      const keys = await keysUnder(prefix).catch((err: unknown) => (isNotFound(err) ? [] : fail('listing', dir)(err)));
      // DeleteObjects takes at most 1,000 keys a request.
      for (let i = 0; i < keys.length; i += 1000) {
        const batch = keys.slice(i, i + 1000).map((Key) => ({ Key }));
        const r = await client.send(new DeleteObjectsCommand({ Bucket: s.bucket, Delete: { Objects: batch, Quiet: true } })).catch(fail('removing', dir));
        const failed = (r.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) throw new Error(`removing ${describe(dir)} failed for ${failed.length} objects: ${failed[0]!.Code}: ${failed[0]!.Message}`);
      }
    },

    close: async () => client.destroy(),
  };
}
