/**
 * Launching a test server that is not a JVM (Azurite, fake-gcs-server) the way jvm.ts launches JVMs: its own
 * process group, output in a log file in its temp dir, a handle that waitReady and stopProcess understand.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stopProcess, type Jvm } from './jvm.js';

/** What every harness service hands back: its temp dir, its processes, the settings that point us at it, stop. */
export interface TestService {
  dir: string;
  pids: number[];
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A service's temp dir and the processes started in it: stop() ends them (last started first) and removes the
 * dir; starting() does the same when the start-up itself fails, so no harness writes that clean-up again.
 */
export class ServiceHome {
  readonly pids: number[] = [];
  private readonly graces = new Map<number, number>();

  private constructor(readonly dir: string) {}

  static async create(prefix: string): Promise<ServiceHome> {
    return new ServiceHome(await mkdtemp(path.join(os.tmpdir(), prefix)));
  }

  /** A process of the service, stopped with `graceMs` to exit after SIGTERM. */
  track(pid: number, graceMs = 10_000): void {
    this.pids.push(pid);
    this.graces.set(pid, graceMs);
  }

  async stop(): Promise<void> {
    for (const pid of [...this.pids].reverse()) await stopProcess(pid, this.graces.get(pid) ?? 10_000);
    await rm(this.dir, { recursive: true, force: true });
  }

  /** Runs the start-up; if it throws, what it started is stopped and the dir removed before the error goes on. */
  async starting<T>(startUp: () => Promise<T>): Promise<T> {
    try {
      return await startUp();
    } catch (err) {
      await this.stop();
      throw err;
    }
  }
}

const running = new Set<number>();
process.once('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export function startChild(spec: { name: string; command: string; args: string[]; workDir: string; detached?: boolean }): Jvm {
  const logFile = path.join(spec.workDir, `${spec.name}.log`);
  const fd = openSync(logFile, 'a');
  const child = spawn(spec.command, spec.args, { cwd: spec.workDir, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${spec.name}: could not spawn ${spec.command}`);
  let exit: { code: number | null; signal: string | null } | undefined;
  child.on('exit', (code, signal) => {
    exit = { code, signal };
    running.delete(child.pid!);
  });
  child.on('error', (err) => {
    exit = { code: null, signal: err.message };
  });
  if (spec.detached) child.unref();
  else running.add(child.pid);
  return { name: spec.name, pid: child.pid, logFile, exited: () => exit };
}
