/**
 * The truth about the event store for /health/status: is the NATS connection up, and does JetStream answer?
 * The connection state is tracked from the client's status events (synchronous, free to read on every request);
 * the JetStream check is one account-info request, coalesced and cached briefly so health probes cost nothing.
 */
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { HealthProbe, HealthReport } from '../health.js';

const CACHE_MS = 1000;
const JETSTREAM_TIMEOUT_MS = 2000;

export class NatsHealth implements HealthProbe {
  private connected = true;
  private lastChange = Date.now();
  private cached?: { at: number; report: Promise<HealthReport> };

  constructor(private readonly nc: NatsConnection) {
    void this.track();
  }

  /** Synchronous: false as soon as the client knows it lost the server (or the connection is closed). */
  get isConnected(): boolean {
    return this.connected && !this.nc.isClosed();
  }

  check(): Promise<HealthReport> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_MS) this.cached = { at: now, report: this.probe() };
    return this.cached.report;
  }

  private async probe(): Promise<HealthReport> {
    if (this.nc.isClosed()) return { ok: false, nats: 'closed', jetstream: 'unknown', reason: 'the NATS connection is closed' };
    if (!this.connected) {
      const seconds = Math.round((Date.now() - this.lastChange) / 1000);
      return { ok: false, nats: 'disconnected', jetstream: 'unknown', reason: `disconnected from nats-server ${seconds} s ago; reconnecting` };
    }
    try {
      const jsm = await jetstreamManager(this.nc, { timeout: JETSTREAM_TIMEOUT_MS });
      await jsm.getAccountInfo();
      return { ok: true, nats: 'connected', jetstream: 'available' };
    } catch (err) {
      return { ok: false, nats: 'connected', jetstream: 'unavailable', reason: `JetStream does not answer: ${(err as Error).message}` };
    }
  }

  private async track(): Promise<void> {
    for await (const s of this.nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnecting') this.set(false);
      else if (s.type === 'reconnect') this.set(true);
    }
    this.set(false);
  }

  private set(connected: boolean): void {
    if (connected === this.connected) return;
    this.connected = connected;
    this.lastChange = Date.now();
    this.cached = undefined;
  }
}
