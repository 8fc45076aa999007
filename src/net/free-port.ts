/** Free loopback TCP ports, asked of the kernel: bind to port 0, read the port, release it. */
import net from 'node:net';

/**
 * `n` distinct free ports, none of them in `avoid`. The listeners are held open together so the kernel
 * cannot hand out the same port twice; a port in `avoid` (one this process is about to listen on) is
 * asked again.
 */
export async function freePorts(n: number, avoid: readonly number[] = []): Promise<number[]> {
  const held: net.Server[] = [];
  const ports: number[] = [];
  try {
    for (let tries = 0; ports.length < n; tries++) {
      if (tries > n + 64) throw new Error(`no free loopback port outside ${avoid.join(', ')}`);
      const srv = await listenOn(0);
      held.push(srv);
      const { port } = srv.address() as net.AddressInfo;
      if (!avoid.includes(port)) ports.push(port);
    }
    return ports;
  } finally {
    await Promise.all(held.map((s) => new Promise((r) => s.close(r))));
  }
}

export async function freePort(avoid: readonly number[] = []): Promise<number> {
  return (await freePorts(1, avoid))[0];
}

/** Whether nothing listens on loopback `port` now. */
export async function portIsFree(port: number): Promise<boolean> {
  try {
    const srv = await listenOn(port);
    await new Promise((r) => srv.close(r));
    return true;
  } catch {
    return false;
  }
}

function listenOn(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(port, '127.0.0.1', () => resolve(srv));
  });
}
