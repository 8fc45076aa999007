/**
 * NATS client errors that mean "the event store cannot be reached right now" (not a bug, not bad input):
 * the API answers them with 503 and a clear message instead of a 500.
 */
import { JetStreamError } from '@nats-io/jetstream';
import { ClosedConnectionError, ConnectionError, DrainingConnectionError, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { ServiceUnavailableError } from '../errors.js';

const UNAVAILABLE = [ClosedConnectionError, ConnectionError, DrainingConnectionError, NoRespondersError, RequestError, TimeoutError];

export function natsUnavailable(err: unknown): ServiceUnavailableError | undefined {
  const cause = (err as { cause?: unknown })?.cause;
  const hit = UNAVAILABLE.some((E) => err instanceof E || cause instanceof E) || (err instanceof JetStreamError && /timeout|no responders|503|not enabled/i.test(err.message));
  if (!hit) return undefined;
  return new ServiceUnavailableError(
    `the event store (NATS JetStream) is unavailable (${(err as Error).message}); nothing was recorded, retry once /health/status answers OK`,
    { dependency: 'nats' },
  );
}
