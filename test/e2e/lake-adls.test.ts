/**
 * The adls_* sinks through the API of a real `datagen serve` on Azurite: every format read back from the container
 * equal to the local sink's output, DELETE_PREVIOUS and single-file mode, and the failures. Azurite has no ADLS Gen2
 * (dfs) endpoint: the sinks write through the Blob API, as they do on a real account. The service holds the
 * account's shared key; commands override it with a wrong key, or with a connection string holding a wrong SAS.
 */
import { randomBytes } from 'node:crypto';
import test from 'ava';
import { BlobServiceClient } from '@azure/storage-blob';
import { batchFiles, lakeCases, lakeService, runLakeCommand } from '../helpers/lake-e2e.js';
import { azureReader } from '../helpers/lake-store-readers.js';
import { customerModel } from '../helpers/service-with-sink-server.js';
import { AZURITE_ACCOUNT, AZURITE_KEY, azuriteUnavailableReason, startAzurite } from '../helpers/services/azurite.js';
import { storeForTests } from '../helpers/services/store-for-tests.js';

const CONTAINER = 'datagen-e2e';
// The sinks do not create a container (nor did the original's).
const azure = await storeForTests(test, 'azurite', azuriteUnavailableReason, async () => {
  const svc = await startAzurite();
  await BlobServiceClient.fromConnectionString(svc.connectionString).getContainerClient(CONTAINER).create();
  return svc;
});

const served = lakeService(test, () => ({ ADLS_ENDPOINT: azure.service().blobUrl, ADLS_ACCOUNT_NAME: AZURITE_ACCOUNT, ADLS_ACCOUNT_KEY: AZURITE_KEY }));
const blobHost = () => new URL(azure.service().blobUrl).host;

lakeCases({
  store: 'adls',
  test: azure.test,
  service: served.service,
  tableNames: (dir, name) => ({ ADLS_CONTAINER: CONTAINER, ADLS_DIRECTORY: dir, ADLS_FILE_NAME: name }),
  reader: () => azureReader(azure.service().connectionString, CONTAINER),
  dirPath: (dir) => dir,
  singleFileFormat: 'avro',
  failures: [
    {
      title: 'an unreachable server (a closed port)',
      settings: () => ({ properties: { ADLS_ENDPOINT: `http://127.0.0.1:${served.closedPort()}/${AZURITE_ACCOUNT}` }, names: [`127.0.0.1:${served.closedPort()}`], secret: AZURITE_KEY }),
    },
    {
      title: 'a wrong ADLS_ACCOUNT_KEY',
      settings: () => {
        const secret = randomBytes(64).toString('base64');
        return { properties: { ADLS_ACCOUNT_KEY: secret }, names: [blobHost(), '(HTTP 403)'], secret };
      },
    },
    {
      title: 'a wrong SAS token (in a connection string)',
      settings: () => {
        const secret = randomBytes(32).toString('hex');
        const sas = `sv=2021-10-04&ss=b&srt=sco&sp=rwdlac&st=2020-01-01T00:00:00Z&se=2099-01-01T00:00:00Z&spr=http,https&sig=${secret}`;
        return { properties: { ADLS_CONNECTION_STRING: `BlobEndpoint=${azure.service().blobUrl};SharedAccessSignature=${sas}` }, names: [blobHost(), '(HTTP 403)'], secret };
      },
    },
  ],
  badKeys: [
    { options: { ADLS_BLOCK_SIZE: '0' }, field: 'Options.ADLS_BLOCK_SIZE' },
    { options: { ADLS_MAX_CONCURRENCY: 'many' }, field: 'Options.ADLS_MAX_CONCURRENCY' },
    { tableNames: { ADLS_CONTAINER: 'Not--A-Container' }, field: 'Table_Names.ADLS_CONTAINER' },
  ],
});

azure.test('adls_csv through the API: Options.ADLS_BLOCK_SIZE stages each blob in blocks of at least that size', async (t) => {
  const container = BlobServiceClient.fromConnectionString(azure.service().connectionString).getContainerClient(CONTAINER);
  const blockSizes = async (options: Record<string, string>) => {
    const dir = `e2e-keys-${Date.now().toString(36)}`;
    await runLakeCommand(t, served.service(), 'adls_csv', await customerModel({ ADLS_CONTAINER: CONTAINER, ADLS_DIRECTORY: dir, ADLS_FILE_NAME: 'cust' }, options));
    return Promise.all(batchFiles('cust', 'csv').map(async (name) => {
      const list = await container.getBlockBlobClient(`${dir}/${name}`).getBlockList('committed');
      return { sizes: (list.committedBlocks ?? []).map((b) => b.size), bytes: list.blobContentLength };
    }));
  };
  // Each batch file is a few KiB: under the default 8 MiB it is one Put Blob, with no blocks.
  t.deepEqual((await blockSizes({})).map((b) => b.sizes), [[], [], []]);
  for (const { sizes, bytes } of await blockSizes({ ADLS_BLOCK_SIZE: '1024', ADLS_MAX_CONCURRENCY: '3' })) {
    t.true(sizes.length >= 1 && sizes.slice(0, -1).every((n) => n >= 1024), sizes.join(','));
    t.is(sizes.reduce((a, b) => a + b, 0), bytes ?? -1);
  }
});
