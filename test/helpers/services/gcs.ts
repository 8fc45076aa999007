/**
 * A real GCS API server for tests and local use: fake-gcs-server, built once with `go install` into
 * ~/.cache/datagen-ts/fake-gcs-server/bin (as .ci/setup.d/object-stores.sh does), in memory on a random loopback
 * port. -external-url and -public-host make its resumable-upload URLs point back at that port.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Storage } from '@google-cloud/storage';
import { ServiceHome, startChild, type TestService } from './child.js';
import { cacheRoot } from './java.js';
import { waitReady } from './jvm.js';
import { freePorts } from './ports.js';

export const FAKE_GCS_VERSION = 'v1.56.1';
export const GCS_TEST_PROJECT = 'datagen-test';

export interface GcsService extends TestService {
  endpoint: string;
  projectId: string;
}

const run = promisify(execFile);
const binDir = () => path.join(cacheRoot(), 'fake-gcs-server', FAKE_GCS_VERSION, 'bin');
const binary = () => path.join(binDir(), 'fake-gcs-server');

export async function gcsUnavailableReason(): Promise<string | null> {
  if (existsSync(binary())) return null;
  try {
    await run('go', ['version'], { timeout: 60_000 });
    return null;
  } catch {
    return `fake-gcs-server is not built (${binary()}) and Go is not installed to build it`;
  }
}

/** The server's binary, built with the Go toolchain when missing (about a minute and a half on 2 cores). */
export async function fakeGcsBinary(): Promise<string> {
  if (existsSync(binary())) return binary();
  await mkdir(binDir(), { recursive: true });
  await run('go', ['install', `github.com/fsouza/fake-gcs-server@${FAKE_GCS_VERSION}`], {
    env: { ...process.env, GOBIN: binDir() },
    cwd: os.tmpdir(),
    timeout: 30 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((err: Error & { stderr?: string }) => {
    throw new Error(`building fake-gcs-server ${FAKE_GCS_VERSION} failed: ${err.message}\n${(err.stderr ?? '').slice(-3000)}`);
  });
  return binary();
}

export function gcsStorage(s: Pick<GcsService, 'endpoint' | 'projectId'>): Storage {
  return new Storage({ apiEndpoint: s.endpoint, projectId: s.projectId });
}

export async function startGcs(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<GcsService> {
  const bin = await fakeGcsBinary();
  const home = await ServiceHome.create('datagen-gcs-');
  return home.starting(async () => {
    const [port] = await freePorts(1);
    const endpoint = `http://127.0.0.1:${port}`;
    const child = startChild({
      name: 'fake-gcs-server',
      command: bin,
      args: ['-scheme', 'http', '-host', '127.0.0.1', '-port', String(port), '-backend', 'memory', '-external-url', endpoint, '-public-host', `127.0.0.1:${port}`, '-log-level', 'warn'],
      workDir: home.dir,
      detached: opts.detached,
    });
    home.track(child.pid);
    const service: GcsService = {
      endpoint,
      projectId: GCS_TEST_PROJECT,
      dir: home.dir,
      pids: home.pids,
      env: { GCS_ENDPOINT: endpoint, GCS_PROJECT_ID: GCS_TEST_PROJECT },
      stop: () => home.stop(),
    };
    const storage = gcsStorage(service);
    await waitReady([child], 'fake-gcs-server listing buckets', opts.timeoutMs ?? 60_000, () => storage.getBuckets());
    return service;
  });
}
