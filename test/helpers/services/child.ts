/**
 * Launching a test server that is not a JVM (Azurite, fake-gcs-server) the way jvm.ts launches JVMs: its own
 * process group, output in a log file in its temp dir, a handle that waitReady and stopProcess understand.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { Jvm } from './jvm.js';

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
