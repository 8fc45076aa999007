/**
 * Reading a data-lake store with the store's own client, not the service's destinations, so a listing or download
 * bug in a destination cannot hide itself: S3 (@aws-sdk/client-s3), Azure Blob (@azure/storage-blob), GCS
 * (@google-cloud/storage) and HDFS (plain WebHDFS LISTSTATUS/OPEN over fetch).
 */
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { BlobServiceClient } from '@azure/storage-blob';
import { s3Client, type S3Service } from './services/s3.js';
import { gcsStorage, type GcsService } from './services/gcs.js';

export interface StoreReader {
  /** Every object or file under `dir` (deeper ones too, hidden ones too), relative to it, sorted. */
  list(dir: string): Promise<string[]>;
  get(file: string): Promise<Buffer>;
  close(): void;
}

const relative = (dir: string, names: string[]) => names.map((n) => n.slice(dir.length + 1)).sort();

export function s3Reader(s: S3Service, bucket: string): StoreReader {
  const client = s3Client(s);
  return {
    async list(dir) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${dir}/`, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map((o) => o.Key!));
        token = page.NextContinuationToken;
      } while (token);
      return relative(dir, keys);
    },
    async get(file) {
      const res = await client.send(new GetObjectCommand({ Bucket: bucket, Key: file }));
      return Buffer.from(await res.Body!.transformToByteArray());
    },
    close: () => client.destroy(),
  };
}

export function azureReader(connectionString: string, container: string): StoreReader {
  const client = BlobServiceClient.fromConnectionString(connectionString).getContainerClient(container);
  return {
    async list(dir) {
      const names: string[] = [];
      for await (const blob of client.listBlobsFlat({ prefix: `${dir}/` })) names.push(blob.name);
      return relative(dir, names);
    },
    get: (file) => client.getBlobClient(file).downloadToBuffer(),
    close: () => {},
  };
}

export function gcsReader(s: GcsService, bucket: string): StoreReader {
  const b = gcsStorage(s).bucket(bucket);
  return {
    async list(dir) {
      const [files] = await b.getFiles({ prefix: `${dir}/` });
      return relative(dir, files.map((f) => f.name));
    },
    async get(file) {
      const [bytes] = await b.file(file).download();
      return bytes;
    },
    close: () => {},
  };
}

/** WebHDFS at `url` as user `datagen`; `dir` and `file` are absolute HDFS paths. */
export function hdfsReader(url: string): StoreReader {
  const op = (p: string, what: string) => `${url}/webhdfs/v1${p}?op=${what}&user.name=datagen`;
  const list = async (dir: string): Promise<string[]> => {
    const res = await fetch(op(dir, 'LISTSTATUS'));
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`LISTSTATUS ${dir}: HTTP ${res.status} ${await res.text()}`);
    const statuses = ((await res.json()) as { FileStatuses: { FileStatus: Array<{ pathSuffix: string; type: string }> } }).FileStatuses.FileStatus;
    const names: string[] = [];
    for (const s of statuses) {
      if (s.type !== 'DIRECTORY') names.push(s.pathSuffix);
      else {
        // An empty directory shows as `name/`, so a leftover one is seen as object stores would see its files.
        const inside = await list(`${dir}/${s.pathSuffix}`);
        names.push(...(inside.length ? inside.map((n) => `${s.pathSuffix}/${n}`) : [`${s.pathSuffix}/`]));
      }
    }
    return names.sort();
  };
  return {
    list,
    async get(file) {
      // The namenode answers 307 to a datanode, which fetch follows for a GET.
      const res = await fetch(op(file, 'OPEN'));
      if (!res.ok) throw new Error(`OPEN ${file}: HTTP ${res.status} ${await res.text()}`);
      return Buffer.from(await res.arrayBuffer());
    },
    close: () => {},
  };
}
