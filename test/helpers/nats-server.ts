/** Starts a real nats-server for a test on a random loopback port with a temporary store. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startNatsServer, type EmbeddedServer } from '../../src/nats/embedded-server.js';
import { freePort } from './services/ports.js';

export interface TestNats extends EmbeddedServer {
  storeDir: string;
  /** Stops the server and removes its store. */
  destroy(): Promise<void>;
  /** Restarts the server on the same port and store (clients reconnect). */
  restart(): Promise<TestNats>;
}

export async function startTestNats(storeDir?: string, port = 0): Promise<TestNats> {
  const dir = storeDir ?? (await mkdtemp(path.join(os.tmpdir(), 'datagen-nats-')));
  const server = await startNatsServer(dir, port || (await freePort()));
  return {
    ...server,
    storeDir: dir,
    destroy: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
    restart: async () => {
      await server.stop();
      return startTestNats(dir, server.port);
    },
  };
}
