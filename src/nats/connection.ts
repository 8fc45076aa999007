/**
 * One NATS connection per process, reconnecting forever: a restarted server must not lose a client. `url` may list
 * several servers separated by commas (the nodes of a cluster), as NATS_URL does in the nats CLI.
 */
import { connect, type NatsConnection } from '@nats-io/transport-node';

export function natsServers(url: string): string[] {
  return url.split(',').map((s) => s.trim()).filter(Boolean);
}

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: natsServers(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 250,
    waitOnFirstConnect: true,
    timeout: 10000,
  });
}
