/** What the HTTP layer needs from the rest of the service: passed in, so tests and roles can wire it. */
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { CredentialVault } from '../credentials/vault.js';
import type { EventLog } from '../ports/event-log.js';
import type { ModelStore } from '../ports/model-store.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { ReadModel } from '../projection/read-model.js';
import type { UserStore } from '../ports/user-store.js';
import type { UserDirectory } from '../users/user-directory.js';
import type { ServiceMetrics } from '../metrics.js';
import type { HealthProbe } from '../health.js';
import type { Clock } from '../ports/clock.js';
import type { Ids } from '../ports/ids.js';
import type { ModelChecks } from '../use-cases/model-checks.js';
import type { LlmFillSources } from '../activities/llm-fill-context.js';

export interface ApiDeps {
  config: Config;
  events: EventLog;
  models: ModelStore;
  readModel: ReadModel;
  log: Logger;
  /** Who may sign in: configured and stored users. */
  users: UserDirectory;
  /** The stored users, which /users/* changes. */
  userStore: UserStore;
  secrets: SecretStore;
  /** Stored credentials and the key that seals them (/credentials/*, credentials= of a command). */
  credentialVault: CredentialVault;
  metrics: ServiceMetrics;
  /** Whether the event store is reachable (health routes, and writes refused early with 503 when it is not). */
  health: HealthProbe;
  /** Model checks (compile at submission, /model/test) on threads with limits, never on the API's thread. */
  modelChecks: ModelChecks;
  /** Time of the views (durations of running commands) and of replays. */
  clock: Clock;
  /** Uuids and seeds of new commands. */
  ids: Ids;
  /** Recorded LLM answers and the deployment's LLM limits, for the LLM fields of /model/test and /datagen/api/gen. */
  llm?: LlmFillSources;
}
