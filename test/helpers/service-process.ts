/**
 * Runs `datagen serve` / `datagen worker` as real child processes (the way users run them) and talks to
 * them over HTTP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './services/ports.js';

/** Data directories this helper made; removed when the test process exits (tests may restart a service on one). */
const madeDirs: string[] = [];
process.on('exit', () => {
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true });
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(ROOT, 'bin', 'datagen.js');

export interface ServiceProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  natsUrl?: string;
  dataDir?: string;
  env?: Record<string, string>;
  args?: string[];
}

function launch(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, DATAGEN_LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (d: Buffer) => { out = (out + d.toString()).slice(-200_000); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return { child, output: () => out };
}

function stopper(child: ChildProcess) {
  return (signal: NodeJS.Signals = 'SIGTERM') =>
    new Promise<number | null>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
      child.once('exit', (code) => resolve(code));
      child.kill(signal);
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    });
}

export async function startServe(opts: StartOptions = {}): Promise<ServiceProcess> {
  const port = await freePort();
  const dataDir = opts.dataDir ?? (await tempDir('datagen-data-'));
  const env: Record<string, string> = { DATAGEN_PORT: String(port), DATAGEN_DATA_DIR: dataDir, ...(opts.natsUrl ? { NATS_URL: opts.natsUrl } : {}), ...opts.env };
  const { child, output } = launch(['serve', ...(opts.args ?? [])], env);
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child, output);
  } catch (err) {
    // The caller never gets a handle on a service that did not come up: stop it here, or it outlives the test.
    child.kill('SIGKILL');
    throw err;
  }
  return { url, dataDir, child, output, stop: stopper(child) };
}

export async function startWorkerProcess(natsUrl: string, env: Record<string, string> = {}): Promise<Omit<ServiceProcess, 'url'>> {
  const dataDir = env.DATAGEN_DATA_DIR ?? (await tempDir('datagen-worker-'));
  const { child, output } = launch(['worker'], { NATS_URL: natsUrl, DATAGEN_DATA_DIR: dataDir, ...env });
  const deadline = Date.now() + 30_000;
  while (!output().includes('worker started')) {
    if (child.exitCode !== null) throw new Error(`worker exited: ${output()}`);
    if (Date.now() > deadline) throw new Error(`worker did not start: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { dataDir, child, output, stop: stopper(child) };
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}: ${output()}`);
    try {
      const res = await fetch(`${url}/api/v1/health/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not become healthy: ${output()}`);
}

/** POST /datagen/<service> with a multipart body, as the seed page's curl does. */
export async function submit(url: string, service: string, fields: Record<string, string | number>, model?: { text: string; name?: string; field?: string }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, String(v));
  if (model) form.set(model.field ?? 'model_file', new Blob([model.text], { type: 'application/json' }), model.name ?? 'model.json');
  const res = await fetch(`${url}/datagen/${service}`, { method: 'POST', body: form, headers: { accept: '*/*' } });
  return { status: res.status, body: (await res.json()) as { commandUuid: string; error: string; [k: string]: unknown } };
}

export async function getJson(url: string, path: string, method: 'GET' | 'POST' = 'POST') {
  const res = await fetch(`${url}${path}`, { method });
  return { status: res.status, body: (await res.json()) as any };
}

/** Polls getCommandStatus until the command is terminal. */
export async function waitForTerminal(url: string, uuid: string, timeoutMs = 60_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: any;
  while (Date.now() < deadline) {
    last = (await getJson(url, `/command/getCommandStatus?commandUuid=${uuid}`)).body;
    if (['FINISHED', 'FAILED', 'CANCELLED'].includes(last.status)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`command ${uuid} not terminal after ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
