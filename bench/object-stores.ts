/**
 * Object-store destination figures: MB/s of one file streamed through each destination in 1 MiB chunks (S3
 * multipart, Azure staged blocks, GCS resumable chunks; create → writes → commit), next to the same bytes sent by
 * the store's SDK in its plainest whole-buffer call (S3 PutObject, Azure uploadData, GCS save), and the read-back
 * rate. The servers are the test harness's (s3proxy, Azurite, fake-gcs-server on loopback), started one at a time.
 * Standalone: `node --import tsx bench/object-stores.ts [s3|adls|gcs ...]` (BENCH_OBJECT_MB: file size, default 64).
 */
import { pathToFileURL } from 'node:url';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { BlobServiceClient } from '@azure/storage-blob';
import { azureBlobDestination } from '../src/sinks/destinations/azure-blob.js';
import type { Destination } from '../src/sinks/destinations/destination.js';
import { gcsDestination } from '../src/sinks/destinations/gcs.js';
import { s3Destination } from '../src/sinks/destinations/s3.js';
import { startAzurite } from '../test/helpers/services/azurite.js';
import { gcsStorage, startGcs } from '../test/helpers/services/gcs.js';
import { s3Client, startS3 } from '../test/helpers/services/s3.js';
import type { BenchResult } from './types.js';

const MB = 1024 * 1024;

interface Store {
  name: string;
  start(): Promise<{ dest: Destination; plain(key: string, body: Buffer): Promise<void>; stop(): Promise<void> }>;
}

/** S3's plainest upload: one PutObject of the whole buffer. */
export function putObject(client: S3Client, bucket: string): (key: string, body: Buffer) => Promise<void> {
  return async (key, body) => void (await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentLength: body.byteLength })));
}

const STORES: Store[] = [
  {
    name: 's3',
    async start() {
      const svc = await startS3();
      const creds = { accessKeyId: svc.accessKeyId, secretAccessKey: svc.secretAccessKey };
      const dest = s3Destination({ bucket: 'bench', region: svc.region, endpoint: svc.endpoint, forcePathStyle: true, credentials: creds, partSize: 8 * MB, createBucket: true });
      await dest.makeDir('');
      const client = s3Client(svc);
      return {
        dest,
        plain: putObject(client, 'bench'),
        stop: async () => {
          client.destroy();
          await svc.stop();
        },
      };
    },
  },
  {
    name: 'adls',
    async start() {
      const svc = await startAzurite();
      const container = BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient('bench');
      await container.create();
      const dest = azureBlobDestination({ container: 'bench', auth: { kind: 'connection-string', connectionString: svc.connectionString }, blockSize: 8 * MB, concurrency: 2 });
      return { dest, plain: async (key, body) => void (await container.getBlockBlobClient(key).uploadData(body)), stop: () => svc.stop() };
    },
  },
  {
    name: 'gcs',
    async start() {
      const svc = await startGcs();
      const [bucket] = await gcsStorage(svc).createBucket('bench');
      const dest = gcsDestination({ bucket: 'bench', projectId: svc.projectId, endpoint: svc.endpoint, auth: { kind: 'default' }, chunkSize: 8 * MB });
      return { dest, plain: (key, body) => bucket.file(key).save(body, { resumable: false }), stop: () => svc.stop() };
    },
  },
];

export async function benchObjectStores(only: string[] = []): Promise<BenchResult[]> {
  const sizeMb = Number(process.env.BENCH_OBJECT_MB ?? 64);
  const chunk = Buffer.alloc(MB, 0x5a);
  const whole = Buffer.alloc(sizeMb * MB, 0x5a);
  const out: BenchResult[] = [];
  for (const store of STORES.filter((s) => only.length === 0 || only.includes(s.name))) {
    const { dest, plain, stop } = await store.start();
    try {
      // Warm-up: connections and the server's first object.
      const warm = await dest.create('bench/warm.bin');
      await warm.write(chunk);
      await warm.commit();

      const t0 = performance.now();
      const s = await dest.create('bench/streamed.bin');
      for (let i = 0; i < sizeMb; i++) await s.write(chunk);
      await s.commit();
      const streamed = sizeMb / ((performance.now() - t0) / 1000);

      const t1 = performance.now();
      await plain('bench/plain.bin', whole);
      const baseline = sizeMb / ((performance.now() - t1) / 1000);

      const t2 = performance.now();
      let bytes = 0;
      for await (const part of dest.read('bench/streamed.bin')) bytes += part.byteLength;
      const read = bytes / MB / ((performance.now() - t2) / 1000);

      const note = `${sizeMb} MiB, loopback`;
      out.push(
        { name: `${store.name} destination: stream 1 MiB chunks, commit`, value: streamed, unit: 'MB/s', note },
        { name: `${store.name} baseline: the SDK's whole-buffer upload`, value: baseline, unit: 'MB/s', note },
        { name: `${store.name} destination: read back`, value: read, unit: 'MB/s', note },
      );
    } finally {
      await dest.close();
      await stop();
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchObjectStores(process.argv.slice(2))) console.log(`${r.name.padEnd(56)} ${r.value.toFixed(1).padStart(8)} ${r.unit}   (${r.note})`);
}
