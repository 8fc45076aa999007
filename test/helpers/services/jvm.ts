/**
 * Launching and stopping one JVM of a test service. Output goes to a log file in the service's temp dir,
 * so a failed start can quote the log's tail. Each JVM leads its own process group: stopping it signals the group.
 */
import { spawn } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface JvmSpec {
  /** Short name for messages and the log file, e.g. "kafka", "hbase-master". */
  name: string;
  mainClass: string;
  args: string[];
  /** Classpath entries (directories or `dir/*` wildcards), in order. */
  classpath: string[];
  heapMb: number;
  /** Extra JVM options (-D..., --add-opens ...). */
  jvmOptions?: string[];
  workDir: string;
  /** Leave it running after this process exits (the services CLI). */
  detached?: boolean;
}

export interface Jvm {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Set once the JVM has exited. */
  exited(): { code: number | null; signal: string | null } | undefined;
}

const running = new Set<number>();
// A test process that dies must not leave JVMs behind (detached ones are the CLI's, and stay).
process.once('exit', () => {
  for (const pid of running) killGroup(pid, 'SIGKILL');
});

export function startJvm(spec: JvmSpec): Jvm {
  const logFile = path.join(spec.workDir, `${spec.name}.log`);
  const fd = openSync(logFile, 'a');
  const argv = [
    `-Xmx${spec.heapMb}m`,
    `-Xms${Math.min(spec.heapMb, 128)}m`,
    '-XX:+UseSerialGC',
    '-Djava.awt.headless=true',
    '-Djava.net.preferIPv4Stack=true',
    ...(spec.jvmOptions ?? []),
    '-cp',
    spec.classpath.join(path.delimiter),
    spec.mainClass,
    ...spec.args,
  ];
  const child = spawn('java', argv, { cwd: spec.workDir, stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${spec.name}: could not spawn java`);
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

/** Whether a process (group leader) is still alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** SIGTERM (the JVM's shutdown hooks stop the server cleanly), then SIGKILL if it has not exited in `graceMs`. */
export async function stopProcess(pid: number, graceMs: number): Promise<void> {
  killGroup(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) killGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(50);
  running.delete(pid);
}

export async function logTail(jvm: Jvm, chars = 3000): Promise<string> {
  try {
    return (await readFile(jvm.logFile, 'utf8')).slice(-chars);
  } catch {
    return '(no log)';
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Polls `probe` until it resolves, failing fast when one of the `watched` JVMs dies and with the logs' tails on
 * timeout.
 */
export async function waitReady<T>(watched: Jvm[], what: string, timeoutMs: number, probe: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    for (const jvm of watched) {
      const exit = jvm.exited();
      if (exit) throw new Error(`${jvm.name} exited (code ${exit.code}, signal ${exit.signal}) before ${what}; log ${jvm.logFile}:\n${await logTail(jvm)}`);
    }
    try {
      return await probe();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const logs = await Promise.all(watched.map(async (j) => `log ${j.logFile}:\n${await logTail(j)}`));
      throw new Error(`${what} not reached in ${timeoutMs / 1000}s (last error: ${(last as Error)?.message}); ${logs.join('\n')}`);
    }
    await sleep(500);
  }
}
