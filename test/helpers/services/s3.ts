/**
 * A real S3 API server for tests and local use: s3proxy (the jar-with-dependencies from Maven Central, cached in
 * ~/.cache/datagen-ts/s3proxy) over jclouds' filesystem provider in a temp dir, on a random loopback port, with
 * AWS v2/v4 signatures checked against a random credential.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { cacheRoot } from './java.js';
import { startJvm, stopProcess, waitReady } from './jvm.js';
import { freePorts } from './ports.js';

export const S3PROXY_VERSION = '4.1.0';

export interface S3Service {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  dir: string;
  pids: number[];
  /** The settings that point the service at this server, one VAR=value each. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

const run = promisify(execFile);

/** The s3proxy jar, fetched with Maven into the cache when missing (the same place .ci/setup.d/object-stores.sh fills). */
export async function s3proxyJar(): Promise<string> {
  const dir = path.join(cacheRoot(), 's3proxy');
  const jar = path.join(dir, `s3proxy-${S3PROXY_VERSION}-jar-with-dependencies.jar`);
  if (existsSync(jar)) return jar;
  await mkdir(dir, { recursive: true });
  await run('mvn', ['-B', '-q', 'dependency:copy', `-Dartifact=org.gaul:s3proxy:${S3PROXY_VERSION}:jar:jar-with-dependencies`, `-DoutputDirectory=${dir}`], {
    timeout: 15 * 60_000,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((err: Error & { stdout?: string }) => {
    throw new Error(`fetching s3proxy ${S3PROXY_VERSION} with Maven failed: ${err.message}\n${(err.stdout ?? '').slice(-3000)}`);
  });
  return jar;
}

export function s3Client(s: Pick<S3Service, 'endpoint' | 'region' | 'accessKeyId' | 'secretAccessKey'>): S3Client {
  return new S3Client({
    endpoint: s.endpoint,
    region: s.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

export async function startS3(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<S3Service> {
  const jar = await s3proxyJar();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-s3-'));
  try {
    const [port] = await freePorts(1);
    const endpoint = `http://127.0.0.1:${port}`;
    const accessKeyId = `datagen-${randomBytes(4).toString('hex')}`;
    const secretAccessKey = randomBytes(24).toString('base64url');
    await mkdir(path.join(dir, 'data'));
    await mkdir(path.join(dir, 'tmp'));
    const props = path.join(dir, 's3proxy.properties');
    await writeFile(
      props,
      [
        `s3proxy.endpoint=${endpoint}`,
        's3proxy.authorization=aws-v2-or-v4',
        `s3proxy.identity=${accessKeyId}`,
        `s3proxy.credential=${secretAccessKey}`,
        'jclouds.provider=filesystem',
        `jclouds.filesystem.basedir=${path.join(dir, 'data')}`,
        '',
      ].join('\n'),
    );
    const jvm = startJvm({
      name: 's3proxy',
      mainClass: 'org.gaul.s3proxy.Main',
      args: ['--properties', props],
      classpath: [jar],
      heapMb: 256,
      // Without LOG_LEVEL it logs at DEBUG (tens of MB per test).
      jvmOptions: ['-DLOG_LEVEL=warn', `-Djava.io.tmpdir=${path.join(dir, 'tmp')}`],
      workDir: dir,
      detached: opts.detached,
    });
    const region = 'us-east-1';
    const service: S3Service = {
      endpoint,
      region,
      accessKeyId,
      secretAccessKey,
      dir,
      pids: [jvm.pid],
      env: { S3_ENDPOINT: endpoint, S3_ACCESS_KEY_ID: accessKeyId, S3_ACCESS_KEY_SECRET: secretAccessKey, S3_REGION: region },
      async stop() {
        await stopProcess(jvm.pid, 10_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
    const client = s3Client(service);
    try {
      await waitReady([jvm], 's3proxy answering ListBuckets', opts.timeoutMs ?? 60_000, () => client.send(new ListBucketsCommand({})));
    } catch (err) {
      await service.stop();
      throw err;
    } finally {
      client.destroy();
    }
    return service;
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
}
