/**
 * The S3 destination against a real S3 API server (s3proxy on loopback): the destination contract, the object-store cases, the bucket created
 * by makeDir, no multipart upload left behind by an abort, a small file as one PutObject, and failures that name
 * the object and its endpoint without the credentials; the ozone mapping tried against it.
 */
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { GetObjectCommand, HeadBucketCommand, ListMultipartUploadsCommand } from '@aws-sdk/client-s3';
import { ozoneTarget } from '../../src/sinks/destinations/object-targets.js';
import { s3Destination, type S3DestinationSettings } from '../../src/sinks/destinations/s3.js';
import { OBJECT_STORE_CASES, chunkBytes, freshDir, readAll } from '../helpers/object-store-cases.js';
import { destinationContract } from '../contract/destination.contract.js';
import { startS3, s3Client, type S3Service } from '../helpers/services/s3.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { javaUnavailableReason } from '../helpers/services/java.js';

const s3 = await storeForTests<S3Service>(test, 's3', javaUnavailableReason, () => startS3());

const bucketName = () => `datagen-${randomBytes(4).toString('hex')}`;

function settings(svc: S3Service, bucket: string, extra: Partial<S3DestinationSettings> = {}): S3DestinationSettings {
  return {
    bucket,
    region: svc.region,
    endpoint: svc.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: svc.accessKeyId, secretAccessKey: svc.secretAccessKey },
    partSize: 5 * 1024 * 1024,
    createBucket: true,
    ...extra,
  };
}

const shared = bucketName();
destinationContract(s3.test, 's3', async () => s3Destination(settings(s3.service(), shared)), (id) => `contract/${id}`);

for (const c of OBJECT_STORE_CASES) {
  s3.test(`s3: ${c.title}`, async (t) => {
    const dest = s3Destination(settings(s3.service(), shared));
    try {
      await c.run(t, dest, freshDir('data/datagen'));
    } finally {
      await dest.close();
    }
  });
}

s3.test('s3: makeDir creates a missing bucket, and leaves an existing one', async (t) => {
  const svc = s3.service();
  const bucket = bucketName();
  const dest = s3Destination(settings(svc, bucket));
  const client = s3Client(svc);
  try {
    await t.throwsAsync(client.send(new HeadBucketCommand({ Bucket: bucket })));
    await dest.makeDir('some/dir');
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
    await dest.makeDir('some/dir');
    const noCreate = s3Destination(settings(svc, bucketName(), { createBucket: false }));
    await t.throwsAsync(noCreate.makeDir(''), { message: /does not exist/ });
    await noCreate.close();
  } finally {
    client.destroy();
    await dest.close();
  }
});

s3.test('s3: an abort leaves no multipart upload behind, a commit completes its own, removeDir aborts the ones left open', async (t) => {
  const svc = s3.service();
  const bucket = bucketName();
  const dest = s3Destination(settings(svc, bucket));
  const client = s3Client(svc);
  try {
    await dest.makeDir('');
    const uploads = async () => (await client.send(new ListMultipartUploadsCommand({ Bucket: bucket }))).Uploads ?? [];
    const out = await dest.create('x/aborted.json');
    // The second full part waits for the first one's upload (one upload at a time): the upload exists by then.
    await out.write(chunkBytes(9, 6 * 1024 * 1024));
    await out.write(chunkBytes(13, 6 * 1024 * 1024));
    t.is((await uploads()).length, 1, 'a part was uploaded while writing');
    await out.abort();
    t.deepEqual(await uploads(), []);
    const ok = await dest.create('x/done.json');
    await ok.write(chunkBytes(10, 6 * 1024 * 1024));
    await ok.write('tail');
    await ok.commit();
    t.deepEqual(await uploads(), []);
    t.is((await readAll(dest, 'x/done.json')).length, 6 * 1024 * 1024 + 4);
    // A writer killed mid-file leaves its upload open: removeDir aborts it with the directory's objects.
    const orphan = await dest.create('x/orphan.json');
    await orphan.write(chunkBytes(11, 6 * 1024 * 1024));
    await orphan.write(chunkBytes(11, 6 * 1024 * 1024));
    const elsewhere = await dest.create('y/kept-open.json');
    await elsewhere.write(chunkBytes(12, 6 * 1024 * 1024));
    await elsewhere.write(chunkBytes(12, 6 * 1024 * 1024));
    t.is((await uploads()).length, 2);
    await dest.removeDir('x');
    t.deepEqual((await uploads()).map((u) => u.Key), ['y/kept-open.json']);
    t.false(await dest.exists('x/done.json'));
    await elsewhere.abort();
  } finally {
    client.destroy();
    await dest.close();
  }
});

s3.test('s3: paths are keys: leading and doubled slashes reach the same object', async (t) => {
  const dest = s3Destination(settings(s3.service(), shared));
  try {
    await dest.makeDir('');
    const out = await dest.create('/keys//a/b.csv');
    await out.write('x');
    await out.commit();
    t.true(await dest.exists('keys/a/b.csv'));
    t.deepEqual(await dest.list('/keys/a/'), ['b.csv']);
    t.is(dest.describe('/keys//a/b.csv'), `s3://${shared}/keys/a/b.csv at ${s3.service().endpoint}`);
    await dest.removeDir('keys');
  } finally {
    await dest.close();
  }
});

s3.test('s3: bad credentials fail naming the object and endpoint, never the secret', async (t) => {
  const svc = s3.service();
  const secret = `wrong-${randomBytes(12).toString('hex')}`;
  const dest = s3Destination(settings(svc, shared, { credentials: { accessKeyId: svc.accessKeyId, secretAccessKey: secret } }));
  try {
    const err = await t.throwsAsync(async () => {
      const out = await dest.create('denied/x.json');
      await out.write('x');
      await out.commit();
    });
    t.regex(err!.message, new RegExp(`s3://${shared}/denied/x.json at ${svc.endpoint.replace(/\./g, '\\.')}`));
    t.false(err!.message.includes(secret));
    t.false(JSON.stringify(err).includes(secret));
  } finally {
    await dest.close();
  }
});

s3.test('ozone: the mapping onto an S3 gateway, tried against the S3 server (no Ozone runs here)', async (t) => {
  const svc = s3.service();
  const bucket = bucketName();
  const ctx = sinkCtx(customerModel('weather', { OZONE_VOLUME: 's3v', OZONE_BUCKET: bucket, OZONE_KEY_NAME: 'daily/weather' }), {
    OZONE_S3_ENDPOINT: svc.endpoint,
    OZONE_S3_ACCESS_KEY_ID: svc.accessKeyId,
    OZONE_S3_ACCESS_KEY_SECRET: svc.secretAccessKey,
  }, 10, 1, 'cmd-ozone');
  const target = ozoneTarget(ctx);
  const client = s3Client(svc);
  try {
    await target.destination.makeDir(target.dir);
    const out = await target.destination.create(`${target.dir}/${target.prefix}-0000000000.json`);
    await out.write('{"t":1}\n');
    await out.commit();
    const got = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'daily/weather-0000000000.json' }));
    t.is(await got.Body!.transformToString(), '{"t":1}\n');
  } finally {
    client.destroy();
    await target.destination.close();
  }
});
