/**
 * A real single-node Apache Kafka (KRaft) for tests and local use: jars from Maven Central (see java.ts),
 * storage formatted with kafka.tools.StorageTool, broker started with kafka.Kafka on random loopback ports.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { resolveJars } from './java.js';
import { startJvm, stopProcess, waitReady } from './jvm.js';
import { KAFKA_LOG4J2, kafkaServerProperties, randomClusterId } from './kafka-config.js';
import { freePorts } from './ports.js';

export interface KafkaService {
  /** host:port of the PLAINTEXT listener. */
  brokers: string;
  dir: string;
  pids: number[];
  stop(): Promise<void>;
}

const run = promisify(execFile);

/**
 * A port found free can be taken before the broker binds it (another server of the run starting, or a client's
 * ephemeral port): the broker then exits with "Address already in use", and it is started again on other ports.
 */
export async function startKafka(opts: { detached?: boolean; timeoutMs?: number } = {}): Promise<KafkaService> {
  return startKafkaNode({ ...opts, ports: 2, configure: async (dir, [broker, controller]) => ({ properties: kafkaServerProperties({ broker: broker!, controller: controller! }, path.join(dir, 'data')) }) });
}

/** What a broker variant writes before the start: its server.properties and extra `kafka-storage format` arguments. */
export interface KafkaNodeConfig {
  properties: string;
  formatArgs?: string[];
}

export interface KafkaNodeOptions {
  detached?: boolean;
  timeoutMs?: number;
  /** Free ports to pick; the first must be a PLAINTEXT listener, the one probed and returned as `brokers`. */
  ports: number;
  configure(dir: string, ports: number[]): Promise<KafkaNodeConfig>;
}

/** One KRaft node configured by `configure` in a fresh temp dir, ready when its PLAINTEXT listener answers. */
export async function startKafkaNode(opts: KafkaNodeOptions): Promise<KafkaService> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startKafkaOnce(opts);
    } catch (err) {
      if (attempt >= 3 || !/Address already in use/.test((err as Error).message)) throw err;
    }
  }
}

async function startKafkaOnce(opts: KafkaNodeOptions): Promise<KafkaService> {
  const lib = await resolveJars('kafka');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-kafka-'));
  try {
    const ports = await freePorts(opts.ports);
    const config = path.join(dir, 'server.properties');
    const log4j = path.join(dir, 'log4j2.properties');
    const node = await opts.configure(dir, ports);
    await writeFile(config, node.properties);
    await writeFile(log4j, KAFKA_LOG4J2);
    const classpath = [path.join(lib, '*')];
    const jvmOptions = [`-Dlog4j2.configurationFile=${log4j}`];
    const format = ['kafka.tools.StorageTool', 'format', '-t', randomClusterId(), '-c', config, ...(node.formatArgs ?? [])];
    await run('java', ['-Xmx256m', ...jvmOptions, '-cp', classpath.join(path.delimiter), ...format], {
      timeout: 120_000,
    }).catch((err: Error & { stderr?: string; stdout?: string }) => {
      throw new Error(`kafka storage format failed: ${err.message}\n${err.stdout ?? ''}${err.stderr ?? ''}`);
    });
    const jvm = startJvm({ name: 'kafka', mainClass: 'kafka.Kafka', args: [config], classpath, heapMb: 768, jvmOptions, workDir: dir, detached: opts.detached });
    const brokers = `127.0.0.1:${ports[0]}`;
    const service: KafkaService = {
      brokers,
      dir,
      pids: [jvm.pid],
      async stop() {
        await stopProcess(jvm.pid, 20_000);
        await rm(dir, { recursive: true, force: true });
      },
    };
    try {
      await waitReady([jvm], 'Kafka cluster metadata', opts.timeoutMs ?? 120_000, () => probeKafka(brokers));
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

/** Ready means a client can connect and the cluster has a controller (KRaft quorum up). */
export async function probeKafka(brokers: string): Promise<void> {
  const admin = new Kafka({ clientId: 'datagen-probe', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 }, connectionTimeout: 2000 }).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0 || cluster.controller === null) throw new Error('no controller yet');
  } finally {
    await admin.disconnect();
  }
}

