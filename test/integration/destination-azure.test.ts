/**
 * The Azure Blob (adls_*) destination against a real Azure Blob service (Azurite on loopback; it has no dfs
 * endpoint, and the destination writes through the Blob API anyway): the destination contract, the object-store
 * cases, a file written through the model's keys with a SAS token, a missing container, and failures that quote
 * no key or token.
 */
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { BlobServiceClient, ContainerSASPermissions, StorageSharedKeyCredential, generateBlobSASQueryParameters } from '@azure/storage-blob';
import { azureBlobDestination } from '../../src/sinks/destinations/azure-blob.js';
import { adlsTarget } from '../../src/sinks/destinations/object-targets.js';
import { OBJECT_STORE_CASES, chunkBytes, freshDir, readAll } from '../helpers/object-store-cases.js';
import { destinationContract } from '../contract/destination.contract.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, azuriteUnavailableReason, startAzurite, type AzuriteService } from '../helpers/services/azurite.js';
import { customerModel, sinkCtx } from '../helpers/services/fixtures.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const azure = await storeForTests<AzuriteService>(test, 'azurite', azuriteUnavailableReason, () => startAzurite());

async function newContainer(svc: AzuriteService): Promise<string> {
  const name = `datagen-${randomBytes(4).toString('hex')}`;
  await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(name).create();
  return name;
}

function containerSas(container: string): string {
  return generateBlobSASQueryParameters(
    { containerName: container, permissions: ContainerSASPermissions.parse('racwdl'), expiresOn: new Date(Date.now() + 3600_000) },
    new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY),
  ).toString();
}

let contractContainer: string | undefined;
destinationContract(azure.test, 'adls', async () => {
  const svc = azure.service();
  contractContainer ??= await newContainer(svc);
  return azureBlobDestination({ container: contractContainer, auth: { kind: 'connection-string', connectionString: svc.connectionString }, blockSize: 4 * 1024 * 1024, concurrency: 2 });
}, (id) => `contract/${id}`);

for (const c of OBJECT_STORE_CASES) {
  azure.test(`adls: ${c.title}`, async (t) => {
    const svc = azure.service();
    const dest = azureBlobDestination({
      container: await newContainer(svc),
      auth: { kind: 'connection-string', connectionString: svc.connectionString },
      blockSize: 4 * 1024 * 1024,
      concurrency: 2,
    });
    try {
      await c.run(t, dest, freshDir('data/datagen'));
    } finally {
      await dest.close();
    }
  });
}

azure.test('adls: the model\'s keys with a SAS token, as the original: ADLS_DIRECTORY/ + ADLS_FILE_NAME, blocks of ADLS_BLOCK_SIZE', async (t) => {
  const svc = azure.service();
  const container = await newContainer(svc);
  const ctx = sinkCtx(
    customerModel('customer', { ADLS_CONTAINER: container, ADLS_DIRECTORY: 'datagen/customer', ADLS_FILE_NAME: 'cust', ADLS_ACCOUNT_NAME: AZURITE_ACCOUNT, ADLS_ACCOUNT_TYPE: 'dfs', ADLS_SAS_TOKEN: `?${containerSas(container)}` }, { ADLS_BLOCK_SIZE: '1048576', ADLS_MAX_CONCURRENCY: '3' }),
    { ADLS_ENDPOINT: svc.blobUrl },
    10,
    1,
    'cmd-adls',
  );
  const target = adlsTarget(ctx);
  try {
    await target.destination.makeDir(target.dir);
    const file = `${target.dir}/${target.prefix}-0000000000.json`;
    const out = await target.destination.create(file);
    const chunks = Array.from({ length: 5 }, (_, i) => chunkBytes(i, 700_000));
    for (const c of chunks) await out.write(c);
    await out.commit();
    const blob = BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(container).getBlockBlobClient('datagen/customer/cust-0000000000.json');
    const blocks = await blob.getBlockList('committed');
    t.is(blocks.committedBlocks?.length, 3, '3.5 MB in blocks of at least 1 MiB');
    t.true((await readAll(target.destination, file)).equals(Buffer.concat(chunks)));
    t.is(target.destination.describe(file), `${svc.blobUrl}/${container}/datagen/customer/cust-0000000000.json`);
  } finally {
    await target.destination.close();
  }
});

azure.test('adls: a missing container fails makeDir naming it; it is not created', async (t) => {
  const svc = azure.service();
  const container = `missing-${randomBytes(4).toString('hex')}`;
  const dest = azureBlobDestination({ container, auth: { kind: 'connection-string', connectionString: svc.connectionString }, blockSize: 1024 * 1024, concurrency: 1 });
  await t.throwsAsync(dest.makeDir('x'), { message: new RegExp(`container ${container} of ${svc.blobUrl}/${container}/x does not exist`) });
  t.false(await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(container).exists());
});

azure.test('adls: a wrong key or SAS token fails naming the blob, never the secret', async (t) => {
  const svc = azure.service();
  const container = await newContainer(svc);
  const wrongKey = randomBytes(64).toString('base64');
  const sas = containerSas(`${container}x`);
  for (const auth of [
    { kind: 'shared-key' as const, accountName: AZURITE_ACCOUNT, accountKey: wrongKey },
    { kind: 'sas' as const, sasToken: sas },
  ]) {
    const dest = azureBlobDestination({ container, auth, serviceUrl: svc.blobUrl, blockSize: 1024 * 1024, concurrency: 1 });
    const err = await t.throwsAsync(async () => {
      const out = await dest.create('denied/x.json');
      await out.write('x');
      await out.commit();
    });
    t.regex(err!.message, new RegExp(`committing ${svc.blobUrl}/${container}/denied/x.json failed`));
    const signature = new URLSearchParams(sas).get('sig')!;
    for (const secret of [wrongKey, signature, sas]) {
      t.false(err!.message.includes(secret));
      t.false(JSON.stringify(err).includes(secret));
    }
  }
});
