/**
 * A real Azure Blob service for tests and local use: Azurite (an npm devDependency) on a random loopback port,
 * its data in a temp dir, telemetry off. Azurite has no ADLS Gen2 (dfs) endpoint, so the adls_* sinks are tested
 * through the Blob API of the same account, as they write.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { startChild } from './child.js';
import { stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';

/** Azurite's well-known development account (public, in Azure's documentation). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface AzuriteService {
  /** The Blob service URL of the development account. */
  blobUrl: string;
  connectionString: string;
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
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
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-azurite-'));
  try {
    const [port] = await freePorts(1);
    const blobUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
    const connectionString = `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${blobUrl};`;
    const child = startChild({
      name: 'azurite',
      command: process.execPath,
      args: [main, '--blobHost', '127.0.0.1', '--blobPort', String(port), '--location', path.join(dir, 'data'), '--skipApiVersionCheck', '--disableTelemetry', '--loose'],
      workDir: dir,
      detached: opts.detached,
    });
    const service: AzuriteService = {
      blobUrl,
      connectionString,
      dir,
      pids: [child.pid],
      env: { ADLS_CONNECTION_STRING: connectionString, ADLS_ENDPOINT: blobUrl, ADLS_ACCOUNT_NAME: AZURITE_ACCOUNT },
      async stop() {
        await stopProcess(child.pid, 10_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
    const client = BlobServiceClient.fromConnectionString(connectionString);
    try {
      await waitReady([child], 'Azurite answering getProperties', opts.timeoutMs ?? 60_000, () => client.getProperties());
    } catch (err) {
      await service.stop();
      throw err;
    }
    return service;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
