/**
 * Azure Blob storage as a byte destination, for the adls_* sinks: an ADLS Gen2 (dfs) account is reached through
 * the Blob API of the same account, which sees the same files. A file is a block blob: each buffered part is
 * staged as a block (part-uploader.ts, ADLS_MAX_CONCURRENCY at once) and the blob appears only at commitBlockList
 * on commit, replacing an earlier one of that name; an abort commits nothing, and uncommitted blocks never become
 * visible (the service drops them). A file smaller than one block is one Put Blob on commit.
 */
import { randomBytes } from 'node:crypto';
import type { BlobServiceClient, ContainerClient } from '@azure/storage-blob';
import type { Destination } from './destination.js';
import { lazySdk } from './lazy-sdk.js';
import { dirPrefix, nameInDir, objectKey } from './object-keys.js';
import { partUploader } from './part-uploader.js';

export type AzureAuth =
  | { kind: 'connection-string'; connectionString: string }
  | { kind: 'shared-key'; accountName: string; accountKey: string }
  | { kind: 'sas'; sasToken: string };

export interface AzureBlobSettings {
  container: string;
  auth: AzureAuth;
  /** The Blob service URL (https://<account>.blob.core.windows.net, or an emulator's); from the connection string when absent. */
  serviceUrl?: string;
  blockSize: number;
  /** Blocks staged at once. */
  concurrency: number;
}

/** Azure's block limit per blob; blocks grow past it (part-uploader.ts). */
const MAX_BLOCKS = 50_000;

const azureSdk = lazySdk<typeof import('@azure/storage-blob')>('@azure/storage-blob');

function serviceClient(s: AzureBlobSettings): BlobServiceClient {
  const { AnonymousCredential, BlobServiceClient, StorageSharedKeyCredential } = azureSdk();
  switch (s.auth.kind) {
    case 'connection-string':
      try {
        return BlobServiceClient.fromConnectionString(s.auth.connectionString);
      } catch {
        // The SDK's message may quote the string, which holds the key.
        throw new Error('ADLS_CONNECTION_STRING is not an Azure Storage connection string (AccountName=...;AccountKey=...;BlobEndpoint=...)');
      }
    case 'shared-key':
      return new BlobServiceClient(s.serviceUrl!, new StorageSharedKeyCredential(s.auth.accountName, s.auth.accountKey));
    case 'sas':
      return new BlobServiceClient(`${s.serviceUrl!}?${s.auth.sasToken.replace(/^\?/, '')}`, new AnonymousCredential());
  }
}

/** A URL without its query (a SAS token lives there) or user-info. */
function bareUrl(u: string): string {
  const url = new URL(u);
  url.search = '';
  url.username = '';
  url.password = '';
  return url.toString().replace(/\/+$/, '');
}

function statusOf(err: unknown): number | undefined {
  return (err as { statusCode?: number })?.statusCode;
}

/** A 403 for a valid credential that may not do this (a SAS without the read or list permission), not a wrong one. */
function lacksPermission(err: unknown): boolean {
  return statusOf(err) === 403 && /^Authorization(Permission|ResourceType)Mismatch$/.test(String((err as { code?: string })?.code));
}

export function azureBlobDestination(s: AzureBlobSettings): Destination {
  const service = serviceClient(s);
  const container: ContainerClient = service.getContainerClient(s.container);
  const base = `${bareUrl(service.url)}/${s.container}`;
  const describe = (p: string) => `${base}/${objectKey(p)}`;
  // The SDK's errors carry the request, whose URL holds a SAS token: only the service's code and message are kept.
  const fail = (what: string, p: string) => (err: unknown): never => {
    const e = err as { code?: string; statusCode?: number; message?: string };
    const status = e?.statusCode ? ` (HTTP ${e.statusCode})` : '';
    const message = String(e?.message ?? err).split('\n')[0];
    throw new Error(`${what} ${describe(p)} failed: ${e?.code ?? 'Error'}: ${message}${status}`);
  };

  /**
   * A container SAS may not read the container's properties: then a one-blob listing tells, and a SAS that may
   * not list either (write only) is let through, to fail at the first write if the container is missing. Only a
   * 403 saying the credential lacks a permission is let through: a wrong key or signature fails here, in prepare.
   */
  async function containerExists(): Promise<boolean> {
    try {
      return await container.exists();
    } catch (err) {
      if (!lacksPermission(err)) return fail('checking container of', '')(err);
    }
    try {
      await container.listBlobsFlat().byPage({ maxPageSize: 1 }).next();
      return true;
    } catch (err) {
      if (statusOf(err) === 404) return false;
      if (lacksPermission(err)) return true;
      return fail('checking container of', '')(err);
    }
  }

  return {
    kind: 'adls',
    describe,

    async makeDir(dir) {
      if (!(await containerExists())) throw new Error(`container ${s.container} of ${describe(dir)} does not exist: create it first (the original's ADLS sink did not create it either)`);
    },

    async create(file) {
      const blob = container.getBlockBlobClient(objectKey(file));
      const tag = randomBytes(8).toString('hex');
      // Every block id of a blob has the same length.
      const blockId = (index: number) => Buffer.from(`${tag}-${String(index).padStart(6, '0')}`).toString('base64');
      const out = partUploader<string>({ partSize: s.blockSize, concurrency: s.concurrency, maxParts: MAX_BLOCKS }, {
        async uploadPart(index, bytes) {
          const id = blockId(index);
          await blob.stageBlock(id, bytes, bytes.byteLength);
          return id;
        },
        async finish(ids, whole) {
          if (whole) await blob.upload(whole, whole.byteLength);
          else await blob.commitBlockList(ids);
        },
        // Staged blocks stay uncommitted, invisible, and are dropped by the service.
        discard: async () => {},
      });
      return {
        write: (bytes) => out.write(bytes).catch(fail('writing', file)),
        commit: () => out.commit().catch(fail('committing', file)),
        abort: () => out.abort().catch(fail('aborting', file)),
      };
    },

    async *read(file) {
      const r = await container.getBlobClient(objectKey(file)).download().catch(fail('reading', file));
      if (!r.readableStreamBody) return;
      for await (const chunk of r.readableStreamBody) yield chunk as Uint8Array;
    },

    async exists(file) {
      return container.getBlobClient(objectKey(file)).exists().catch(fail('checking', file));
    },

    async list(dir) {
      const prefix = dirPrefix(dir);
      const names: string[] = [];
      try {
        for await (const item of container.listBlobsByHierarchy('/', prefix ? { prefix } : {})) {
          if (item.kind !== 'blob') continue;
          const name = nameInDir(prefix, item.name);
          if (name !== undefined) names.push(name);
        }
      } catch (err) {
        if (statusOf(err) === 404) return [];
        fail('listing', dir)(err);
      }
      return names;
    },

    async remove(file) {
      await container.getBlobClient(objectKey(file)).deleteIfExists().catch(fail('removing', file));
    },

    async removeDir(dir) {
      const prefix = dirPrefix(dir);
      const names: string[] = [];
      try {
        for await (const item of container.listBlobsFlat(prefix ? { prefix } : {})) names.push(item.name);
      } catch (err) {
        if (statusOf(err) === 404) return;
        fail('listing', dir)(err);
      }
      for (let i = 0; i < names.length; i += 16) {
        await Promise.all(names.slice(i, i + 16).map((n) => container.getBlobClient(n).deleteIfExists().catch(fail('removing', n))));
      }
    },

    close: async () => {},
  };
}
