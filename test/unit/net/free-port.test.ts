import test from 'ava';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort, freePorts, portIsFree } from '../../../src/net/free-port.js';
import { freePorts as harnessPorts } from '../../helpers/services/ports.js';

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}

test('free ports are distinct, free, and never one this process is about to listen on', async (t) => {
  const taken = await freePorts(8);
  t.is(new Set(taken).size, 8);
  for (const port of taken) t.true(await portIsFree(port));
  const next = await freePorts(8, taken);
  t.false(next.some((p) => taken.includes(p)));
  const one = await freePort(next);
  t.false(next.includes(one));
});

test('a port something listens on is not free', async (t) => {
  const srv = await listen(0);
  const { port } = srv.address() as net.AddressInfo;
  t.false(await portIsFree(port));
  await new Promise((r) => srv.close(r));
  t.true(await portIsFree(port));
});

test('the harness reserves ports below the kernel ephemeral range, each with a file naming this process', async (t) => {
  const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const ports = await harnessPorts(20);
  t.is(new Set(ports).size, 20);
  for (const port of ports) {
    t.true(port < ephemeralLow, `${port} is below ${ephemeralLow}`);
    const file = path.join(os.tmpdir(), 'datagen-test-ports', String(port));
    t.true(existsSync(file));
    t.is(readFileSync(file, 'utf8'), String(process.pid));
  }
  const more = await harnessPorts(20);
  t.false(more.some((p) => ports.includes(p)), 'a reserved port is not handed out again');
});
