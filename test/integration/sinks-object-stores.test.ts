/**
 * The s3_*, adls_* and gcs_* sinks end to end against real servers (s3proxy, Azurite, fake-gcs-server): every format,
 * batches out of order and redelivered, single-file assembly and DELETE_PREVIOUS, the objects read back by the
 * independent readers. Ozone is reached through its S3 gateway and was not run here (no Ozone server installs).
 */
import test from 'ava';
import { BlobServiceClient } from '@azure/storage-blob';
import type { Destination } from '../../src/sinks/destinations/destination.js';
import { adlsTarget, gcsTarget, s3Target } from '../../src/sinks/destinations/object-targets.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { dataLakeSinkCases } from '../helpers/data-lake-sinks.js';
import { ctxFor } from '../helpers/readback-sinks.js';
import { FIXTURE_COLUMNS } from '../helpers/readback-fixture.js';
import { azuriteUnavailableReason, startAzurite } from '../helpers/services/azurite.js';
import { gcsStorage, gcsUnavailableReason, startGcs } from '../helpers/services/gcs.js';
import { javaUnavailableReason } from '../helpers/services/java.js';
import { startS3 } from '../helpers/services/s3.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const BUCKET = 'datagen-lake';

// The sinks create an S3 bucket when it is missing (as the original did); an Azure container or a GCS bucket must exist.
const s3 = await storeForTests(test, 's3', javaUnavailableReason, () => startS3());
const azure = await storeForTests(test, 'azurite', azuriteUnavailableReason, async () => {
  const svc = await startAzurite();
  await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(BUCKET).create();
  return svc;
});
const gcs = await storeForTests(test, 'fake-gcs-server', gcsUnavailableReason, async () => {
  const svc = await startGcs();
  await gcsStorage(svc).createBucket(BUCKET);
  return svc;
});

/** A destination on the server, built as the sink builds it from these Table_Names and properties. */
function destinationOf(target: (ctx: SinkContext) => { destination: Destination }, tableNames: Record<string, string>, properties: Record<string, string>): Destination {
  const ctx = ctxFor({ dataDir: '/tmp', columns: FIXTURE_COLUMNS, batches: 1, tableNames });
  return target({ ...ctx, settings: { ...ctx.settings, properties } }).destination;
}

dataLakeSinkCases(s3.test, {
  store: 's3',
  tableNames: (dir, name) => ({ S3_BUCKET: BUCKET, S3_DIRECTORY: dir, S3_KEY_NAME: name }),
  properties: () => s3.service().env,
  destination: () => destinationOf(s3Target, { S3_BUCKET: BUCKET }, s3.service().env),
  dirPath: (dir) => dir,
});

dataLakeSinkCases(azure.test, {
  store: 'adls',
  tableNames: (dir, name) => ({ ADLS_CONTAINER: BUCKET, ADLS_DIRECTORY: dir, ADLS_FILE_NAME: name }),
  properties: () => azure.service().env,
  destination: () => destinationOf(adlsTarget, { ADLS_CONTAINER: BUCKET }, azure.service().env),
  dirPath: (dir) => dir,
});

dataLakeSinkCases(gcs.test, {
  store: 'gcs',
  tableNames: (dir, name) => ({ GCS_BUCKET: BUCKET, GCS_DIRECTORY: dir, GCS_OBJECT_NAME: name }),
  properties: () => gcs.service().env,
  destination: () => destinationOf(gcsTarget, { GCS_BUCKET: BUCKET }, gcs.service().env),
  dirPath: (dir) => dir,
});
