/** What /health/status reports: whether the service can accept and record work right now. */
export interface HealthReport {
  ok: boolean;
  nats: 'connected' | 'disconnected' | 'closed';
  jetstream: 'available' | 'unavailable' | 'unknown';
  /** Why it is not ok, for people reading the probe. */
  reason?: string;
}

export interface HealthProbe {
  /** Cheap and synchronous: false once the event store's connection is known to be lost. */
  readonly isConnected: boolean;
  check(): Promise<HealthReport>;
}
