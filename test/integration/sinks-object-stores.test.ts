/**
 * The s3_*, adls_* and gcs_* sinks end to end against real servers (s3proxy, Azurite, fake-gcs-server): every format,
 * batches out of order and redelivered, single-file assembly and DELETE_PREVIOUS, the objects read back by the
 * independent readers. Ozone is reached through its S3 gateway and was not run here (no Ozone server installs).
 */
import test from 'ava';
import type { Destination } from '../../src/sinks/destinations/destination.js';
import { adlsTarget, gcsTarget, s3Target } from '../../src/sinks/destinations/object-targets.js';
import type { SinkContext } from '../../src/sinks/types.js';
import { dataLakeSinkCases } from '../helpers/data-lake-sinks.js';
import { ctxFor } from '../helpers/readback-sinks.js';
import { FIXTURE_COLUMNS } from '../helpers/readback-fixture.js';
import { objectStoresForTests } from '../helpers/services/object-stores-for-tests.js';

const BUCKET = 'datagen-lake';

const { s3, azure, gcs } = await objectStoresForTests(test, BUCKET);

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
