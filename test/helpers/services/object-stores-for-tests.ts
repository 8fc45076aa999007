/**
 * The three real object stores a test file runs against (s3proxy, Azurite, fake-gcs-server), one each, with `bucket`
 * ready where the sinks need it: the S3 sinks create a missing bucket (as the original did); an Azure container or
 * a GCS bucket must exist.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import type { TestFn } from 'ava';
import { azuriteUnavailableReason, startAzurite } from './azurite.js';
import { gcsStorage, gcsUnavailableReason, startGcs } from './gcs.js';
import { javaUnavailableReason } from './java.js';
import { startS3 } from './s3.js';
import { storeForTests } from './store-for-tests.js';

export async function objectStoresForTests(test: TestFn, bucket: string) {
  const s3 = await storeForTests(test, 's3', javaUnavailableReason, () => startS3());
  const azure = await storeForTests(test, 'azurite', azuriteUnavailableReason, async () => {
    const svc = await startAzurite();
    await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(bucket).create();
    return svc;
  });
  const gcs = await storeForTests(test, 'fake-gcs-server', gcsUnavailableReason, async () => {
    const svc = await startGcs();
    await gcsStorage(svc).createBucket(bucket);
    return svc;
  });
  return { s3, azure, gcs };
}
