/**
 * The GCS destination against a real GCS API server (fake-gcs-server on loopback): the destination contract, the
 * object-store cases, a file written through the model's keys in several resumable chunks, a missing bucket, and
 * an unreachable server failing with the object's name.
 */
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { gcsDestination, type GcsSettings } from '../../src/sinks/destinations/gcs.js';
import { gcsTarget } from '../../src/sinks/destinations/object-targets.js';
import { destinationContract } from '../contract/destination.contract.js';
import { OBJECT_STORE_CASES, chunkBytes, freshDir, readAll } from '../helpers/object-store-cases.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { gcsStorage, gcsUnavailableReason, startGcs, type GcsService } from '../helpers/services/gcs.js';
import { freePorts } from '../helpers/services/ports.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const gcs = await storeForTests<GcsService>(test, 'fake-gcs-server', gcsUnavailableReason, () => startGcs());

async function newBucket(svc: GcsService): Promise<string> {
  const name = `datagen-${randomBytes(4).toString('hex')}`;
  await gcsStorage(svc).createBucket(name);
  return name;
}

const settings = (svc: GcsService, bucket: string): GcsSettings => ({ bucket, projectId: svc.projectId, endpoint: svc.endpoint, auth: { kind: 'default' }, chunkSize: 4 * 1024 * 1024 });

let contractBucket: string | undefined;
destinationContract(gcs.test, 'gcs', async () => {
  const svc = gcs.service();
  contractBucket ??= await newBucket(svc);
  return gcsDestination(settings(svc, contractBucket));
}, (id) => `contract/${id}`);

for (const c of OBJECT_STORE_CASES) {
  gcs.test(`gcs: ${c.title}`, async (t) => {
    const svc = gcs.service();
    const dest = gcsDestination(settings(svc, await newBucket(svc)));
    try {
      await c.run(t, dest, freshDir('data/datagen'));
    } finally {
      await dest.close();
    }
  });
}

gcs.test('gcs: the model\'s keys as the original: GCS_DIRECTORY/ + GCS_OBJECT_NAME, in resumable chunks of GCS_CHUNK_SIZE', async (t) => {
  const svc = gcs.service();
  const bucket = await newBucket(svc);
  const ctx = sinkCtx(
    customerModel('customer', { GCS_BUCKET: bucket, GCS_DIRECTORY: 'datagen/customer', GCS_OBJECT_NAME: 'cust', GCS_PROJECT_ID: svc.projectId, GCS_REGION: 'europe-west1' }),
    { GCS_ENDPOINT: svc.endpoint, GCS_CHUNK_SIZE: String(256 * 1024) },
    10,
    1,
    'cmd-gcs',
  );
  const target = gcsTarget(ctx);
  try {
    await target.destination.makeDir(target.dir);
    const file = `${target.dir}/${target.prefix}-0000000000.json`;
    const chunks = Array.from({ length: 6 }, (_, i) => chunkBytes(i, 200_000));
    const out = await target.destination.create(file);
    for (const c of chunks) await out.write(c);
    t.false(await target.destination.exists(file), 'invisible until commit');
    await out.commit();
    const [data] = await gcsStorage(svc).bucket(bucket).file('datagen/customer/cust-0000000000.json').download();
    t.true(data.equals(Buffer.concat(chunks)));
    t.true((await readAll(target.destination, file)).equals(Buffer.concat(chunks)));
    t.is(target.destination.describe(file), `gs://${bucket}/datagen/customer/cust-0000000000.json at ${svc.endpoint}`);
  } finally {
    await target.destination.close();
  }
});

gcs.test('gcs: a missing bucket fails makeDir naming it; it is not created', async (t) => {
  const svc = gcs.service();
  const bucket = `missing-${randomBytes(4).toString('hex')}`;
  const dest = gcsDestination(settings(svc, bucket));
  await t.throwsAsync(dest.makeDir('x'), { message: new RegExp(`bucket ${bucket} of gs://${bucket}/x at .* does not exist`) });
  const [exists] = await gcsStorage(svc).bucket(bucket).exists();
  t.false(exists);
});

gcs.test('gcs: an unreachable server fails the write naming the object and endpoint, never the token', async (t) => {
  const [port] = await freePorts(1);
  const token = `ya29.${randomBytes(16).toString('hex')}`;
  const endpoint = `http://127.0.0.1:${port}`;
  const dest = gcsDestination({ bucket: 'nowhere', endpoint, auth: { kind: 'access-token', accessToken: token }, chunkSize: 256 * 1024 });
  const err = await t.throwsAsync(async () => {
    const out = await dest.create('x/y.json');
    await out.write('x');
    await out.commit();
  });
  t.regex(err!.message, new RegExp(`gs://nowhere/x/y.json at ${endpoint.replace(/\./g, '\\.')}`));
  t.false(err!.message.includes(token));
  t.false(JSON.stringify(err).includes(token));
});
