/**
 * A real Azure Blob service for tests and local use: Azurite (an npm devDependency) on a random loopback port,
 * its data in a temp dir, telemetry off. Azurite has no ADLS Gen2 (dfs) endpoint, so the adls_* sinks are tested
 * through the Blob API of the same account, as they write.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { ServiceHome, startChild, type TestService } from './child.js';
import { waitReady } from './jvm.js';
import { freePorts } from './ports.js';

/** Azurite's well-known development account (public, in Azure's documentation). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteService extends TestService {
  /** The Blob service URL of the development account. */
  blobUrl: string;
  connectionString: string;
}

function azuriteMain(): string | undefined {
  try {
    const pkg = createRequire(import.meta.url).resolve('azurite/package.json');
    const main = path.join(path.dirname(pkg), 'dist', 'src', 'blob', 'main.js');
    return existsSync(main) ? main : undefined;
  } catch {
    return undefined;
  }
}

export async function azuriteUnavailableReason(): Promise<string | null> {
  return azuriteMain() ? null : 'the azurite package is not installed (it is a devDependency: run npm install)';
}

export async function startAzurite(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<AzuriteService> {
  const main = azuriteMain();
  if (!main) throw new Error((await azuriteUnavailableReason())!);
  const home = await ServiceHome.create('datagen-azurite-');
  return home.starting(async () => {
    const [port] = await freePorts(1);
    const blobUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobUrl};`;
    const child = startChild({
      name: 'azurite',
      command: process.execPath,
      args: [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', path.join(home.dir, 'data'), '--skipApiVersionCheck', '--disableTelemetry', '--loose'],
      workDir: home.dir,
      detached: opts.detached,
    });
    home.track(child.pid);
    const client = BlobServiceClient.fromConnectionString(connectionString);
    await waitReady([child], 'Azurite answering getProperties', opts.timeoutMs ?? 60_000, () => client.getProperties());
    return {
      blobUrl,
      connectionString,
      dir: home.dir,
      pids: home.pids,
      env: { ADLS_CONNECTION_STRING: connectionString, ADLS_ENDPOINT: blobUrl, ADLS_ACCOUNT_NAME: AZURITE_ACCOUNT },
      stop: () => home.stop(),
    };
  });
}
