/**
 * The adls_* sinks' settings (pure). Table_Names ADLS_CONTAINER (required), ADLS_DIRECTORY (default the container's
 * root), ADLS_FILE_NAME (file name prefix, default the model's name), ADLS_ACCOUNT_NAME, ADLS_ACCOUNT_TYPE (dfs or
 * blob: both are written through the account's Blob API), and credentials, all secrets, first found wins:
 * ADLS_CONNECTION_STRING, ADLS_ACCOUNT_KEY (shared key, with the account name), ADLS_SAS_TOKEN (as the original).
 * ADLS_ENDPOINT (property) is the Blob service URL when it is not https://<account>.blob.core.windows.net (Azurite:
 * http://127.0.0.1:10000/devstoreaccount1). Options ADLS_BLOCK_SIZE (default 8 MiB) and ADLS_MAX_CONCURRENCY
 * (default 2) size and bound the staged blocks; ADLS_MAX_UPLOAD_SIZE is checked as the original's option but a
 * file smaller than one block is always written in one request.
 */
import { BadRequestError } from '../../errors.js';
import { oneOfSetting } from '../kafka/settings.js';
import type { SinkContext } from '../types.js';
import type { AzureAuth, AzureBlobSettings } from './azure-blob.js';
import { basePrefix, byteSize, invalid, objectDir, positiveInt, required, setting, urlProperty } from './object-settings.js';
import type { ObjectStoreSettings } from './s3-settings.js';

const MIB = 1024 * 1024;
export const ADLS_DEFAULT_BLOCK_SIZE = 8 * MIB;
/** Azure's largest block. */
const MAX_BLOCK_SIZE = 4000 * MIB;

/** Container naming: 3–63 of a-z 0-9 -, starting with a letter or digit, no "--", not ending with "-". */
export function containerNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(name)) {
    return 'is not a container name (3 to 63 lower-case letters, digits or single "-", starting and ending with a letter or digit)';
  }
  return undefined;
}

function accountName(ctx: SinkContext): string | undefined {
  const name = setting(ctx, 'Table_Names', 'ADLS_ACCOUNT_NAME');
  if (name !== undefined && !/^[a-z0-9]{3,24}$/.test(name)) throw invalid('ADLS_ACCOUNT_NAME', name, 'is not a storage account name (3 to 24 lower-case letters or digits)');
  return name;
}

function auth(ctx: SinkContext, account: string | undefined): AzureAuth {
  const connectionString = setting(ctx, 'Table_Names', 'ADLS_CONNECTION_STRING');
  if (connectionString !== undefined) {
    if (!/(^|;)\s*(AccountName|BlobEndpoint)\s*=/i.test(connectionString)) {
      throw new BadRequestError('ADLS_CONNECTION_STRING is not an Azure Storage connection string (AccountName=...;AccountKey=...; or BlobEndpoint=...;SharedAccessSignature=...)', {
        field: 'ADLS_CONNECTION_STRING',
      });
    }
    return { kind: 'connection-string', connectionString };
  }
  const accountKey = setting(ctx, 'Table_Names', 'ADLS_ACCOUNT_KEY');
  if (accountKey !== undefined) {
    if (account === undefined) throw new BadRequestError('ADLS_ACCOUNT_KEY needs Table_Names.ADLS_ACCOUNT_NAME, the account it is a key of', { field: 'Table_Names.ADLS_ACCOUNT_NAME' });
    return { kind: 'shared-key', accountName: account, accountKey };
  }
  const sasToken = setting(ctx, 'Table_Names', 'ADLS_SAS_TOKEN');
  if (sasToken !== undefined) return { kind: 'sas', sasToken: sasToken.replace(/^\?/, '') };
  throw new BadRequestError('the adls sinks need credentials: Table_Names.ADLS_SAS_TOKEN (with ADLS_ACCOUNT_NAME), ADLS_ACCOUNT_KEY, or ADLS_CONNECTION_STRING', {
    field: 'Table_Names.ADLS_SAS_TOKEN',
  });
}

export function adlsSettings(ctx: SinkContext): ObjectStoreSettings<AzureBlobSettings> {
  const container = required(ctx, 'Table_Names', 'ADLS_CONTAINER', 'adls');
  const problem = containerNameProblem(container);
  if (problem) throw invalid('ADLS_CONTAINER', container, problem);
  oneOfSetting(ctx, 'Table_Names', 'ADLS_ACCOUNT_TYPE', ['dfs', 'blob'] as const, 'dfs');
  byteSize(ctx, 'ADLS_MAX_UPLOAD_SIZE', 4 * MIB, 1, 'Options');
  const account = accountName(ctx);
  const credentials = auth(ctx, account);
  const endpoint = urlProperty(ctx, 'ADLS_ENDPOINT');
  if (credentials.kind !== 'connection-string' && endpoint === undefined && account === undefined) {
    throw new BadRequestError('the adls sinks need Table_Names.ADLS_ACCOUNT_NAME (or ADLS_ENDPOINT, the Blob service URL)', { field: 'Table_Names.ADLS_ACCOUNT_NAME' });
  }
  const blockSize = byteSize(ctx, 'ADLS_BLOCK_SIZE', ADLS_DEFAULT_BLOCK_SIZE, 1024, 'Options');
  if (blockSize > MAX_BLOCK_SIZE) throw invalid('ADLS_BLOCK_SIZE', String(blockSize), `must be at most ${MAX_BLOCK_SIZE} (Azure's largest block)`, 'Options');
  return {
    settings: {
      container,
      auth: credentials,
      ...(credentials.kind === 'connection-string' ? {} : { serviceUrl: endpoint ?? `https://${account}.blob.core.windows.net` }),
      blockSize,
      concurrency: positiveInt(ctx, 'Options', 'ADLS_MAX_CONCURRENCY', 2, 64),
    },
    dir: objectDir(setting(ctx, 'Table_Names', 'ADLS_DIRECTORY'), 'ADLS_DIRECTORY'),
    base: basePrefix(ctx, 'ADLS_FILE_NAME'),
  };
}
