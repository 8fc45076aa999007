/**
 * Loopback ports for the servers the tests start, reserved so nothing else takes them before they listen.
 *
 * A port the kernel hands out (bind to 0) and that is then released can be handed out again at once: to
 * another test file's server, to an embedded nats-server, or as the source port of any outgoing
 * connection (CI once failed so, the service's own nats-server on the port the test had freed for its
 * API). So the harness takes its ports below the kernel's ephemeral range, where the kernel hands out
 * nothing, and reserves each with a file in a directory shared by every test process on the machine,
 * released when the process that reserved it ends.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { portIsFree } from '../../../src/net/free-port.js';

const RESERVATIONS = path.join(os.tmpdir(), 'datagen-test-ports');
const mine = new Set<string>();

/** `n` distinct loopback ports that nothing listens on, reserved for this process. */
export async function freePorts(n: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < n) ports.push(await reservePort());
  return ports;
}

export async function freePort(): Promise<number> {
  return reservePort();
}

async function reservePort(): Promise<number> {
  mkdirSync(RESERVATIONS, { recursive: true });
  const [low, high] = harnessRange();
  for (let tries = 0; tries < 2000; tries++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (!claim(port)) continue;
    if (await portIsFree(port)) return port;
    // Something outside the harness listens there: leave it claimed, so no other test tries it either.
  }
  throw new Error(`no free loopback port in ${low}-${high} (reservations in ${RESERVATIONS})`);
}

/** Ports below the kernel's ephemeral range (its low bound read from /proc), above the well-known ones. */
function harnessRange(): [number, number] {
  let ephemeralLow = 32768;
  try {
    ephemeralLow = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || ephemeralLow;
  } catch {
    // not Linux: the common default
  }
  const low = 11000;
  return ephemeralLow - low >= 4000 ? [low, ephemeralLow] : [61000, 65535];
}

/** Creates the reservation file, or takes one over from a process that has ended. */
function claim(port: number): boolean {
  const file = path.join(RESERVATIONS, String(port));
  if (!create(file)) {
    if (holderAlive(file)) return false;
    rmSync(file, { force: true });
    if (!create(file)) return false; // another process took it over first
  }
  mine.add(file);
  return true;
}

/** Creates `file` holding our pid, failing if it exists. */
function create(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch {
    return false;
  }
  try {
    writeSync(fd, String(process.pid));
  } finally {
    closeSync(fd);
  }
  return true;
}

function holderAlive(file: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
  if (!pid) return true; // just created, its pid not written yet
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

process.once('exit', () => {
  for (const file of mine) rmSync(file, { force: true });
});
