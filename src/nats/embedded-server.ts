/** Starts a `nats-server -js` child on loopback when no NATS_URL is configured, and stops it with us. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../net/free-port.js';
import { natsServerBinary } from './nats-server-binary.js';

export interface EmbeddedServer {
  url: string;
  port: number;
  process: ChildProcess;
  stop(): Promise<void>;
}


async function waitForPort(port: number, child: ChildProcess, timeoutMs: number, log: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`nats-server exited with code ${child.exitCode}: ${log()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => { s.destroy(); resolve(true); });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nats-server did not listen on 127.0.0.1:${port} within ${timeoutMs} ms: ${log()}`);
}

/**
 * A previous embedded server whose parent was killed (SIGKILL leaves children running) still holds the
 * store: stop it before starting ours, so a crashed service can simply be started again.
 */
async function stopOrphan(pidFile: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, 'utf8').trim());
    if (!pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('nats-server')) return;
  } catch {
    return;
  }
  process.kill(pid, 'SIGTERM');
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  process.kill(pid, 'SIGKILL');
}

/**
 * Starts nats-server with JetStream storing under `storeDir`, on `port` (when 0, a free one other than
 * `avoidPorts`: the ports this process is about to listen on itself); the binary as nats-server-binary.ts
 * finds or builds it.
 */
export async function startNatsServer(
  storeDir: string,
  port = 0,
  opts: { env?: Readonly<Record<string, string | undefined>>; log?: (message: string) => void; avoidPorts?: readonly number[] } = {},
): Promise<EmbeddedServer> {
  const binary = await natsServerBinary(opts);
  mkdirSync(storeDir, { recursive: true });
  const pidFile = path.join(path.resolve(storeDir), 'nats-server.pid');
  await stopOrphan(pidFile);
  const p = port || (await freePort(opts.avoidPorts));
  const child = spawn(binary, ['-js', '-a', '127.0.0.1', '-p', String(p), '-sd', path.resolve(storeDir), '-P', pidFile], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => { stderr = (stderr + d.toString()).slice(-4000); });
  await waitForPort(p, child, 15000, () => stderr);
  return {
    url: `nats://127.0.0.1:${p}`,
    port: p,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
