/**
 * While the event store is known to be unreachable, a use case that would record something answers 503 at once
 * (rather than after the client's publish time-out, and never as a 500). Reads keep answering from the read model.
 */
import { ServiceUnavailableError } from '../errors.js';
import type { HealthProbe } from '../health.js';

export function assertCanRecord(health: HealthProbe): void {
  if (!health.isConnected) {
    throw new ServiceUnavailableError('the event store (NATS JetStream) is unreachable; nothing was recorded, retry once /health/status answers OK', { dependency: 'nats' });
  }
}
