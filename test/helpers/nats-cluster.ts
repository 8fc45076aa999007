/**
 * Starts three real nats-servers on loopback as one JetStream cluster (random client and route ports, a temporary
 * store each, a generated config file each) and waits until the cluster has a meta leader.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { freePort } from './services/ports.js';

export interface ClusterNode {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  output(): string;
}

export interface TestNatsCluster {
  nodes: ClusterNode[];
  /** Every node's URL, comma-separated, as NATS_URL takes it. */
  url: string;
  /** The node leading a stream's replicas now (by server name). */
  streamLeader(stream: string): Promise<ClusterNode>;
  /** SIGKILL: the node gets no chance to hand over leadership or flush. */
  kill(node: ClusterNode): Promise<void>;
  /** Stops every node still running and removes the stores. */
  destroy(): Promise<void>;
}

const CLUSTER = 'datagen-test';

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
  });
}

export async function startTestNatsCluster(size = 3): Promise<TestNatsCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datagen-nats-cluster-'));
  const ports: Array<{ client: number; route: number }> = [];
  for (let i = 0; i < size; i++) ports.push({ client: await freePort(), route: await freePort() });
  const nodes: ClusterNode[] = [];
  for (let i = 0; i < size; i++) {
    const name = `n${i + 1}`;
    const routes = ports.filter((_, j) => j !== i).map((p) => `nats-route://127.0.0.1:${p.route}`);
    const conf = path.join(dir, `${name}.conf`);
    await writeFile(conf, [
      `server_name: ${name}`,
      `listen: 127.0.0.1:${ports[i]!.client}`,
      `jetstream { store_dir: ${JSON.stringify(path.join(dir, name))} }`,
      `cluster { name: ${CLUSTER}, listen: 127.0.0.1:${ports[i]!.route}, routes: [${routes.join(', ')}] }`,
      '',
    ].join('\n'));
    const child = spawn('nats-server', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (d: Buffer) => { log = (log + d.toString()).slice(-20_000); });
    nodes.push({ name, port: ports[i]!.client, url: `nats://127.0.0.1:${ports[i]!.client}`, process: child, output: () => log });
  }
  const url = nodes.map((n) => n.url).join(',');
  const destroy = async () => {
    await Promise.all(nodes.map(async (n) => {
      const done = exited(n.process);
      n.process.kill('SIGKILL');
      await done;
    }));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForMetaLeader(nodes);
  } catch (err) {
    await destroy();
    throw err;
  }
  return {
    nodes,
    url,
    streamLeader: async (stream) => {
      const nc = await connect({ servers: nodes.filter((n) => n.process.exitCode === null && n.process.signalCode === null).map((n) => n.url) });
      try {
        const info = await (await jetstreamManager(nc)).streams.info(stream);
        const node = nodes.find((n) => n.name === info.cluster?.leader);
        if (!node) throw new Error(`stream ${stream} has no leader among ${nodes.map((n) => n.name).join(', ')}: ${JSON.stringify(info.cluster)}`);
        return node;
      } finally {
        await nc.close();
      }
    },
    kill: async (node) => {
      const done = exited(node.process);
      node.process.kill('SIGKILL');
      await done;
    },
    destroy,
  };
}

/** JetStream answers account info only once the cluster has elected a meta leader. */
async function waitForMetaLeader(nodes: ClusterNode[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last: unknown;
  while (Date.now() < deadline) {
    for (const n of nodes) {
      if (n.process.exitCode !== null) throw new Error(`nats-server ${n.name} exited with ${n.process.exitCode}: ${n.output()}`);
    }
    try {
      const nc = await connect({ servers: nodes.map((n) => n.url), timeout: 2000 });
      try {
        await (await jetstreamManager(nc, { timeout: 2000 })).getAccountInfo();
        return;
      } finally {
        await nc.close();
      }
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the NATS cluster has no meta leader after 30 s (${String(last)}): ${nodes.map((n) => `${n.name}: ${n.output().slice(-2000)}`).join('\n')}`);
}
