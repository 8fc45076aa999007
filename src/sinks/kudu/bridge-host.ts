/**
 * The Kudu bridge of this process: one JVM (bridge/KuduBridge.java) for every activity thread, started on the
 * first request, started again on the next request after it died, stopped with the activities (and killed when
 * the process exits; its stdin closing also ends it). It runs on the main thread: activity threads ask it for the
 * bridge's socket over a BroadcastChannel (bridge-client.ts), code on the main thread calls bridgeSocket().
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import { BRIDGE_MAIN, buildBridge } from './bridge-build.js';

export const HOST_CHANNEL = 'datagen-kudu-bridge';

/** Asked by a thread: the bridge's socket, built in `dir`; `stale`: a socket it could not connect to. */
export interface HostRequest {
  ask: number;
  dir: string;
  stale?: string;
}
export type HostAnswer = { answer: number; socket: string } | { answer: number; error: string };

/** How long a Kudu call may take before the bridge gives up on it (a closed master port retries until then). */
export const KUDU_TIMEOUT_MS = 15_000;

let child: ChildProcess | undefined;
let socket: string | undefined;
let starting: Promise<string> | undefined;
let generation = 0;
let channel: BroadcastChannel | undefined;

process.once('exit', () => {
  child?.kill('SIGKILL');
  if (socket) rmSync(socket, { force: true });
});

/**
 * The running bridge's socket path, starting the bridge when none runs. A caller that could not connect to
 * `stale` says so: a bridge killed a moment ago may not have been seen to exit yet, and is replaced.
 */
export function bridgeSocket(dir: string, stale?: string): Promise<string> {
  if (stale !== undefined && stale === socket && !starting) {
    child?.kill('SIGKILL');
    child = undefined;
  }
  if (child && socket && child.exitCode === null && child.signalCode === null) return Promise.resolve(socket);
  starting ??= start(dir).finally(() => {
    starting = undefined;
  });
  return starting;
}

/** The bridge's pid, when one runs (for tests that kill it). */
export function bridgePid(): number | undefined {
  return child && child.exitCode === null ? child.pid : undefined;
}

async function start(dir: string): Promise<string> {
  const classpath = await buildBridge(dir);
  const socketPath = path.join(os.tmpdir(), `datagen-kudu-${process.pid}-${++generation}.sock`);
  const proc = spawn('java', ['-Xmx256m', '-XX:+UseSerialGC', '-Djava.net.preferIPv4Stack=true', '-cp', classpath.join(path.delimiter), BRIDGE_MAIN, socketPath, String(KUDU_TIMEOUT_MS)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-4000);
  });
  // The pipe must not keep the process alive, nor an EPIPE after the bridge died throw.
  proc.stdin!.on('error', () => {});
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (s: string) => {
      out += s;
      if (out.includes('LISTENING')) {
        proc.stdout!.off('data', onData);
        proc.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`the kudu bridge exited at start (code ${code}, signal ${signal}): ${stderr.trim().split('\n').slice(-5).join(' | ')}`));
    proc.stdout!.setEncoding('utf8').on('data', onData);
    proc.once('exit', onExit);
    proc.once('error', (err) => reject(new Error(`the kudu bridge could not start: ${err.message} (is a JDK 17+ on the PATH?)`)));
  });
  proc.once('exit', () => {
    if (child === proc) child = undefined;
    rmSync(socketPath, { force: true });
  });
  proc.stdout!.resume();
  for (const s of [proc.stdin!, proc.stdout!, proc.stderr!]) (s as unknown as { unref?: () => void }).unref?.();
  proc.unref();
  child = proc;
  socket = socketPath;
  return socketPath;
}

/** Answers the activity threads' requests; idempotent. */
export function hostKuduBridge(): void {
  if (!isMainThread || channel) return;
  channel = new BroadcastChannel(HOST_CHANNEL);
  channel.unref();
  channel.onmessage = (event) => {
    const msg = (event as unknown as { data: unknown }).data as HostRequest | HostAnswer;
    if (!msg || typeof msg !== 'object' || !('ask' in msg)) return;
    bridgeSocket(msg.dir, msg.stale).then(
      (s) => channel?.postMessage({ answer: msg.ask, socket: s } satisfies HostAnswer),
      (err: Error) => channel?.postMessage({ answer: msg.ask, error: err.message } satisfies HostAnswer),
    );
  };
}

/** Stops the bridge (the activities are closing): its stdin closes, and it is killed if still there after a while. */
export async function stopKuduBridge(): Promise<void> {
  channel?.close();
  channel = undefined;
  const proc = child;
  child = undefined;
  if (!proc || proc.exitCode !== null) return;
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  proc.stdin!.end();
  const timer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}
