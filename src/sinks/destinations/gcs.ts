/**
 * Google Cloud Storage as a byte destination. A file is a resumable upload sent in chunks of `chunkSize` bytes
 * (the client holds one chunk at a time); the object appears only when the last chunk is sent on commit, replacing
 * an earlier one of that name. Abort drops the upload session, which never becomes an object.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { StorageOptions } from '@google-cloud/storage';
import { redactUrlUserInfo } from '../../secrets/url-user-info.js';
import type { Destination } from './destination.js';
import { lazySdk } from './lazy-sdk.js';
import { dirPrefix, nameInDir, objectKey } from './object-keys.js';

const gcsSdk = lazySdk<typeof import('@google-cloud/storage')>('@google-cloud/storage');
const authSdk = lazySdk<typeof import('google-auth-library')>('google-auth-library');

export type GcsAuth =
  | { kind: 'key-file'; keyFilename: string }
  | { kind: 'access-token'; accessToken: string }
  /** Application default credentials, or none against an emulator's endpoint. */
  | { kind: 'default' };

export interface GcsSettings {
  bucket: string;
  projectId?: string;
  /** An emulator's or private endpoint (http://127.0.0.1:4443); absent: storage.googleapis.com. */
  endpoint?: string;
  auth: GcsAuth;
  /** Bytes per resumable-upload request: a multiple of 256 KiB. */
  chunkSize: number;
}

function storageOptions(s: GcsSettings): StorageOptions {
  const options: StorageOptions = { ...(s.projectId ? { projectId: s.projectId } : {}), ...(s.endpoint ? { apiEndpoint: s.endpoint } : {}) };
  if (s.auth.kind === 'key-file') return { ...options, keyFilename: s.auth.keyFilename, ...(s.endpoint ? { useAuthWithCustomEndpoint: true } : {}) };
  if (s.auth.kind === 'access-token') {
    const client = new (authSdk().OAuth2Client)();
    client.setCredentials({ access_token: s.auth.accessToken });
    return { ...options, authClient: client, ...(s.endpoint ? { useAuthWithCustomEndpoint: true } : {}) };
  }
  return options;
}

/** Writes `bytes`, resolving once the stream takes more (events.once rejects if it fails meanwhile). */
async function writeTo(stream: Writable, bytes: Uint8Array): Promise<void> {
  if (!stream.write(bytes)) await once(stream, 'drain');
}

export function gcsDestination(s: GcsSettings): Destination {
  const storage = new (gcsSdk().Storage)(storageOptions(s));
  const bucket = storage.bucket(s.bucket);
  const where = s.endpoint ? ` at ${redactUrlUserInfo(s.endpoint)}` : '';
  const describe = (p: string) => `gs://${s.bucket}/${objectKey(p)}${where}`;
  const fail = (what: string, p: string) => (err: unknown): never => {
    const e = err as { code?: number | string; message?: string };
    const status = typeof e?.code === 'number' ? ` (HTTP ${e.code})` : '';
    throw new Error(`${what} ${describe(p)} failed: ${String(e?.message ?? err).split('\n')[0]}${status}`);
  };
  const notFound = (err: unknown) => (err as { code?: number })?.code === 404;

  return {
    kind: 'gcs',
    describe,

    async makeDir(dir) {
      const [exists] = await bucket.exists().catch(fail('checking bucket of', dir));
      if (!exists) throw new Error(`bucket ${s.bucket} of ${describe(dir)} does not exist: create it first (the original's GCS sink did not create it either)`);
    },

    async create(file) {
      // MD5 is computed by node:crypto; the client's CRC32C is JavaScript and cost as much CPU as encoding the rows.
      const stream = bucket.file(objectKey(file)).createWriteStream({ resumable: true, chunkSize: s.chunkSize, validation: 'md5' });
      let error: unknown;
      stream.on('error', (err) => (error ??= err));
      let size = 0;
      let state: 'open' | 'committed' | 'aborted' = 'open';
      let committed = false;
      const check = () => {
        if (error !== undefined) throw error;
        if (state !== 'open') throw new Error(`write after ${state}`);
      };
      return {
        async write(chunk) {
          try {
            check();
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
            if (bytes.byteLength === 0) return;
            size += bytes.byteLength;
            await writeTo(stream, bytes);
          } catch (err) {
            return fail('writing', file)(err);
          }
        },
        async commit() {
          try {
            check();
            state = 'committed';
            const finished = once(stream, 'finish');
            stream.end();
            await finished;
            committed = true;
            return size;
          } catch (err) {
            stream.destroy();
            return fail('committing', file)(err);
          }
        },
        async abort() {
          // A committed object is the caller's to remove.
          if (state === 'aborted' || committed) return;
          state = 'aborted';
          // The session is never finalised: no object appears.
          stream.destroy();
        },
      };
    },

    async *read(file) {
      const stream = bucket.file(objectKey(file)).createReadStream();
      try {
        for await (const chunk of stream) yield chunk as Uint8Array;
      } catch (err) {
        fail('reading', file)(err);
      }
    },

    async exists(file) {
      const [exists] = await bucket.file(objectKey(file)).exists().catch(fail('checking', file));
      return exists;
    },

    async list(dir) {
      const prefix = dirPrefix(dir);
      const [files] = await bucket.getFiles({ prefix, delimiter: '/', autoPaginate: true }).catch((err: unknown) => (notFound(err) ? [[]] : fail('listing', dir)(err)));
      return files.map((f) => nameInDir(prefix, f.name)).filter((n): n is string => n !== undefined);
    },

    async remove(file) {
      await bucket.file(objectKey(file)).delete({ ignoreNotFound: true }).catch(fail('removing', file));
    },

    async removeDir(dir) {
      const prefix = dirPrefix(dir);
      const [files] = await bucket.getFiles({ prefix, autoPaginate: true }).catch((err: unknown) => (notFound(err) ? [[]] : fail('listing', dir)(err)));
      for (let i = 0; i < files.length; i += 16) {
        await Promise.all(files.slice(i, i + 16).map((f) => f.delete({ ignoreNotFound: true }).catch(fail('removing', f.name))));
      }
    },

    close: async () => {},
  };
}
