/** What the HTTP layer needs from the rest of the service: passed in, so tests and roles can wire it. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { EventStore } from '../nats/event-store.js';
import type { ModelStore } from '../nats/model-store.js';
import type { SecretStore } from '../nats/secret-store.js';
import type { ReadModel } from '../projection/read-model.js';
import type { User } from './auth.js';
import type { ServiceMetrics } from '../metrics.js';
import type { HealthProbe } from '../health.js';
import type { ModelCheckPool } from '../worker/model-check-pool.js';

export interface ApiDeps {
  config: Config;
  events: EventStore;
  models: ModelStore;
  readModel: ReadModel;
  log: Logger;
  users: User[];
  secrets: SecretStore;
  metrics: ServiceMetrics;
  /** Whether the event store is reachable (health routes, and writes refused early with 503 when it is not). */
  health: HealthProbe;
  /** Model checks (compile at submission, /model/test) on threads with limits, never on the API's thread. */
  modelChecks: ModelCheckPool;
}
