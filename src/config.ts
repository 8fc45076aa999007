/**
 * Configuration from the environment: the only module that reads it. The service's Config (README,
 * "Configuration"), and the few variables that tools, the logger and the benchmarks read.
 */
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { protectedRoots } from './protected-paths.js';
import { DEFAULT_LIMITS, LIMIT_VARIABLES, type Limits } from './model/limits.js';
import type { ModelCheckSettings } from './activities/model-check-pool.js';
import type { ThreadLimits } from './activities/thread-limits.js';
import { DEFAULT_WORK_SETTINGS, type WorkQueueSettings } from './ports/work-queue.js';
import { DEFAULT_SHARD_ROWS } from './command/shards.js';
import { endpointPatterns } from './sinks/endpoints/allow-list.js';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  host: string;
  port: number;
  dataDir: string;
  /** Unset: start an embedded nats-server. */
  natsUrl?: string;
  /** Port of the embedded nats-server (0: any free port). */
  embeddedNatsPort: number;
  /** Replicas of every stream and bucket (DATAGEN_NATS_REPLICAS): 3 on a 3-node JetStream cluster, 1 on one server. */
  natsReplicas: number;
  /** Directories a text `model_file`/`model` value may point into. */
  modelDirs: string[];
  /** Directories sinks may write files under. */
  outputRoots: string[];
  /** Files and directories never read as data nor written (the NATS store, the users file): src/protected-paths.ts. */
  protectedRoots: string[];
  /** Upload limit in bytes. */
  maxUploadBytes: number;
  /** Generator actors (concurrent batches) per process; 0 makes `serve` run no generator actors of its own. */
  workerSlots: number;
  /** Upper-case properties handed to sinks (KAFKA_BROKERS, HBASE_REST_URL, ...). */
  properties: Record<string, string>;
  defaults: { rows: number; batches: number; threads: number };
  /** Shortest delay between a schedule's executions: back-to-back executions would flood the event log. */
  minScheduleDelaySeconds: number;
  /**
   * Endpoints a command may name besides those this configuration names (DATAGEN_ALLOWED_ENDPOINTS, normalised
   * patterns: src/sinks/endpoints/allow-list.ts); empty: only those.
   */
  allowedEndpoints: string[];
  /** Host header values answered when no users are configured (DNS rebinding): DATAGEN_ALLOWED_HOSTS; loopback names always. */
  allowedHosts: string[];
  /** Origins that may call the API from another site (CORS), from DATAGEN_CORS_ORIGINS; none by default. */
  corsOrigins: string[];
  /** Failed sign-ins allowed per user name and per client address within a minute, and the first lockout (it doubles). */
  authThrottle: { maxFailuresPerUser: number; maxFailuresPerAddress: number; lockoutSeconds: number };
  /** Size limits checked at submission (src/model/limits.ts). */
  limits: Limits;
  /** Heap and stack of generator and activity threads. */
  threadLimits: ThreadLimits;
  /** Time budget of one batch attempt and of one sink step. */
  batchTimeoutSeconds: number;
  /** Seconds a generator, sink-step or first model-check thread stays up without work before it is stopped (DATAGEN_THREAD_IDLE_SECONDS; 0: always up). */
  threadIdleSeconds: number;
  /** Rows per shard recorded in each new command (DATAGEN_SHARD_ROWS): a larger batch runs as several shards; 0: off. */
  shardRows: number;
  /** The API's model checks (compile at submission, /model/test): their threads, queue, budget and limits. */
  modelChecks: ModelCheckSettings;
  /** Time the LLM answers of /model/test's row or GET /datagen/api/gen's rows may take (DATAGEN_MODEL_TEST_LLM_TIMEOUT_MS). */
  modelTestLlmTimeoutMs: number;
  /** Ack wait and deliveries per batch of the work queue (DATAGEN_ACK_WAIT_SECONDS, DATAGEN_MAX_DELIVER). */
  work: WorkQueueSettings;
  /** Life of the orchestrator lease without refresh (DATAGEN_LEASE_SECONDS). */
  leaseSeconds: number;
  /** Life of an LLM endpoint permit without renewal (DATAGEN_LLM_PERMIT_LEASE_MS): a dead worker's permits come back after it. */
  llmPermitLeaseMs: number;
  /** Events between snapshots of the read model and of the orchestrator (DATAGEN_SNAPSHOT_EVERY; 0: no snapshots). */
  snapshotEvery: number;
  /** Ended commands whose full state the read model keeps in memory (DATAGEN_VIEW_CACHE); the others are read on demand. */
  viewCache: number;
  /** Where the API's users come from. */
  users: UserSources;
  /** Sign-in against an LDAP directory after the internal users (DATAGEN_LDAP_*); unset: none. */
  ldap?: LdapSettings;
  /** The key that seals stored credentials (DATAGEN_CREDENTIALS_KEY or DATAGEN_CREDENTIALS_KEY_FILE); neither: none are stored. */
  credentialsKey: { value?: string; file?: string };
  /** DATAGEN_LOG_LEVEL when set; each process has its own default. */
  logLevel?: string;
}

/** DATAGEN_USERS (`name:password:role,...`) and DATAGEN_USERS_FILE (a JSON array of {name, password, role}). */
export interface UserSources {
  list?: string;
  file?: string;
}

/**
 * An LDAP directory to sign in against (docs/security.md, "LDAP"): either a user DN pattern (direct bind) or a
 * search under a base with a filter, as a service account when one is named; then the groups whose filter names the
 * user's DN, mapped to roles.
 */
export interface LdapSettings {
  /** ldap://host:port or ldaps://host:port (DATAGEN_LDAP_URL). */
  url: string;
  /** The user's DN with {0} for the login, e.g. uid={0},ou=people,dc=example,dc=org (DATAGEN_LDAP_USER_DN_PATTERN). */
  userDnPattern?: string;
  /** The service account that searches (DATAGEN_LDAP_BIND_DN, DATAGEN_LDAP_BIND_PASSWORD); unset: searches are anonymous. */
  bindDn?: string;
  bindPassword?: string;
  /** Where users are searched (DATAGEN_LDAP_USER_BASE) and how: a filter with {0} for the login (DATAGEN_LDAP_USER_FILTER). */
  userBase?: string;
  userFilter: string;
  /** The attribute whose value is the signed-in name (DATAGEN_LDAP_USER_ATTRIBUTE). */
  userAttribute: string;
  /** Where groups are searched (DATAGEN_LDAP_GROUP_BASE; unset: no groups), with {0} for the user's DN, and their name attribute. */
  groupBase?: string;
  groupFilter: string;
  groupAttribute: string;
  /** Groups giving each role (DATAGEN_LDAP_ADMIN_GROUPS, _USER_GROUPS, _VIEWER_GROUPS): src/users/ldap-roles.ts. */
  roles: { admin: string[]; user: string[]; viewer: string[] };
  /** PEM file of the CA that signed the server's certificate, for ldaps:// and StartTLS (DATAGEN_LDAP_CA_FILE). */
  caFile?: string;
  /** Upgrade an ldap:// connection with StartTLS before any bind (DATAGEN_LDAP_STARTTLS=true). */
  startTls: boolean;
  /** How long a successful LDAP sign-in is remembered (DATAGEN_LDAP_CACHE_SECONDS; 0: every request binds). */
  cacheSeconds: number;
  /** Budget of connecting and of each operation (DATAGEN_LDAP_TIMEOUT_SECONDS). */
  timeoutSeconds: number;
}

function list(v: string | undefined): string[] {
  return (v ?? '').split(path.delimiter === ';' ? ';' : /[,:]/).map((s) => s.trim()).filter(Boolean);
}

function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`configuration ${name}=${v} must be a positive integer`);
  return n;
}

function commaList(v: string | undefined): string[] {
  return (v ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** "https://a.example, http://b.example:8080" → their origins; anything else is a configuration error. */
function origins(name: string, v: string | undefined): string[] {
  return commaList(v).map((raw) => {
    const url = URL.canParse(raw) ? new URL(raw) : undefined;
    const plain = url && /^https?:$/.test(url.protocol) && !url.username && !url.password && url.pathname === '/' && !url.search && !url.hash;
    if (!plain) throw new Error(`configuration ${name}: "${raw}" must be an origin such as https://app.example.com or http://localhost:8080 (scheme, host and port only)`);
    return url.origin;
  });
}

function allowedEndpoints(v: string | undefined): string[] {
  try {
    return endpointPatterns(v);
  } catch (e) {
    throw new Error(`configuration DATAGEN_ALLOWED_ENDPOINTS: ${(e as Error).message}`);
  }
}

/** Properties forwarded to sinks: anything in the environment that looks like a sink setting. */
const PROPERTY_PREFIXES = ['KAFKA_', 'HBASE_', 'HIVE_', 'SCHEMA_REGISTRY_', 'S3_', 'HDFS_', 'OZONE_', 'ADLS_', 'GCS_', 'SOLR_', 'POSTGRESQL_', 'MYSQL_', 'KUDU_', 'DATAGEN_LLM_'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATAGEN_DATA_DIR ?? './data');
  const properties: Record<string, string> = {};
  const threadIdleSeconds = env.DATAGEN_THREAD_IDLE_SECONDS === '0' ? 0 : positiveInt('DATAGEN_THREAD_IDLE_SECONDS', env.DATAGEN_THREAD_IDLE_SECONDS, 60);
  for (const [k, v] of Object.entries(env)) {
    if (v !== undefined && PROPERTY_PREFIXES.some((p) => k.startsWith(p))) properties[k] = v;
  }
  return {
    host: env.DATAGEN_HOST ?? '127.0.0.1',
    port: env.DATAGEN_PORT !== undefined ? Number(env.DATAGEN_PORT) : 4242,
    dataDir,
    natsUrl: natsUrlOf(env),
    embeddedNatsPort: env.DATAGEN_NATS_PORT ? Number(env.DATAGEN_NATS_PORT) : 0,
    natsReplicas: natsReplicas(env.DATAGEN_NATS_REPLICAS),
    modelDirs: [path.join(PROJECT_ROOT, 'models'), path.join(dataDir, 'models'), ...list(env.DATAGEN_MODEL_DIRS).map((d) => path.resolve(d))],
    outputRoots: [dataDir, ...list(env.DATAGEN_OUTPUT_ROOTS).map((d) => path.resolve(d))],
    protectedRoots: protectedRoots(dataDir, env.DATAGEN_USERS_FILE, env.DATAGEN_CREDENTIALS_KEY_FILE),
    maxUploadBytes: positiveInt('DATAGEN_MAX_UPLOAD_BYTES', env.DATAGEN_MAX_UPLOAD_BYTES, 10 * 1024 * 1024),
    workerSlots: env.DATAGEN_WORKER_SLOTS === '0' ? 0 : positiveInt('DATAGEN_WORKER_SLOTS', env.DATAGEN_WORKER_SLOTS, os.availableParallelism()),
    properties,
    minScheduleDelaySeconds: positiveInt('DATAGEN_MIN_SCHEDULE_DELAY_SECONDS', env.DATAGEN_MIN_SCHEDULE_DELAY_SECONDS, 1),
    defaults: {
      rows: positiveInt('DATAGEN_DEFAULT_ROWS', env.DATAGEN_DEFAULT_ROWS, 20),
      batches: positiveInt('DATAGEN_DEFAULT_BATCHES', env.DATAGEN_DEFAULT_BATCHES, 20),
      threads: positiveInt('DATAGEN_DEFAULT_THREADS', env.DATAGEN_DEFAULT_THREADS, 4),
    },
    allowedEndpoints: allowedEndpoints(env.DATAGEN_ALLOWED_ENDPOINTS),
    allowedHosts: commaList(env.DATAGEN_ALLOWED_HOSTS).map((h) => h.toLowerCase()),
    corsOrigins: origins('DATAGEN_CORS_ORIGINS', env.DATAGEN_CORS_ORIGINS),
    authThrottle: {
      maxFailuresPerUser: positiveInt('DATAGEN_AUTH_MAX_FAILURES', env.DATAGEN_AUTH_MAX_FAILURES, 5),
      maxFailuresPerAddress: positiveInt('DATAGEN_AUTH_MAX_FAILURES_PER_ADDRESS', env.DATAGEN_AUTH_MAX_FAILURES_PER_ADDRESS, 20),
      lockoutSeconds: positiveInt('DATAGEN_AUTH_LOCKOUT_SECONDS', env.DATAGEN_AUTH_LOCKOUT_SECONDS, 60),
    },
    limits: limitsFrom(env),
    // 512 MB holds a chunk of the widest rows the limits allow and a 64 MB CSV source; a larger limit only lets V8
    // put off collecting, which raised a one-batch run's peak from ~650 MB to ~950 MB (2 generator threads).
    threadLimits: threadLimits(env, 'DATAGEN_THREAD_HEAP_MB', Math.min(512, Math.floor(os.totalmem() / 1024 / 1024 / 4))),
    batchTimeoutSeconds: positiveInt('DATAGEN_BATCH_TIMEOUT_SECONDS', env.DATAGEN_BATCH_TIMEOUT_SECONDS, 1800),
    threadIdleSeconds,
    shardRows: env.DATAGEN_SHARD_ROWS === '0' ? 0 : positiveInt('DATAGEN_SHARD_ROWS', env.DATAGEN_SHARD_ROWS, DEFAULT_SHARD_ROWS),
    modelChecks: {
      threads: positiveInt('DATAGEN_MODEL_CHECK_THREADS', env.DATAGEN_MODEL_CHECK_THREADS, 2),
      queueLimit: positiveInt('DATAGEN_MODEL_CHECK_QUEUE', env.DATAGEN_MODEL_CHECK_QUEUE, 256),
      timeoutMs: positiveInt('DATAGEN_MODEL_TEST_TIMEOUT_MS', env.DATAGEN_MODEL_TEST_TIMEOUT_MS, 10_000),
      limits: threadLimits(env, 'DATAGEN_MODEL_TEST_HEAP_MB', 256),
      firstIdleMs: threadIdleSeconds * 1000,
    },
    modelTestLlmTimeoutMs: positiveInt('DATAGEN_MODEL_TEST_LLM_TIMEOUT_MS', env.DATAGEN_MODEL_TEST_LLM_TIMEOUT_MS, 120_000),
    work: {
      ackWaitSeconds: positiveInt('DATAGEN_ACK_WAIT_SECONDS', env.DATAGEN_ACK_WAIT_SECONDS, DEFAULT_WORK_SETTINGS.ackWaitSeconds),
      maxDeliver: positiveInt('DATAGEN_MAX_DELIVER', env.DATAGEN_MAX_DELIVER, DEFAULT_WORK_SETTINGS.maxDeliver),
    },
    leaseSeconds: positiveInt('DATAGEN_LEASE_SECONDS', env.DATAGEN_LEASE_SECONDS, 6),
    llmPermitLeaseMs: positiveInt('DATAGEN_LLM_PERMIT_LEASE_MS', env.DATAGEN_LLM_PERMIT_LEASE_MS, 15_000),
    snapshotEvery: env.DATAGEN_SNAPSHOT_EVERY === '0' ? 0 : positiveInt('DATAGEN_SNAPSHOT_EVERY', env.DATAGEN_SNAPSHOT_EVERY, 10_000),
    viewCache: env.DATAGEN_VIEW_CACHE === '0' ? 0 : positiveInt('DATAGEN_VIEW_CACHE', env.DATAGEN_VIEW_CACHE, 10_000),
    users: { list: env.DATAGEN_USERS || undefined, file: env.DATAGEN_USERS_FILE || undefined },
    ldap: ldapSettings(env),
    credentialsKey: { value: env.DATAGEN_CREDENTIALS_KEY || undefined, file: env.DATAGEN_CREDENTIALS_KEY_FILE || undefined },
    logLevel: env.DATAGEN_LOG_LEVEL || undefined,
  };
}

/** DATAGEN_LDAP_*: undefined without DATAGEN_LDAP_URL; a configuration error names the setting that is wrong. */
function ldapSettings(env: NodeJS.ProcessEnv): LdapSettings | undefined {
  const raw = env.DATAGEN_LDAP_URL;
  if (!raw) return undefined;
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  if (!url || !/^ldaps?:$/.test(url.protocol) || !url.hostname || url.username || url.password || !['', '/'].includes(url.pathname) || url.search || url.hash) {
    throw new Error('configuration DATAGEN_LDAP_URL must be ldap://host[:port] or ldaps://host[:port] (no credentials, base DN or query: those have their own settings)');
  }
  const userDnPattern = env.DATAGEN_LDAP_USER_DN_PATTERN || undefined;
  const userBase = env.DATAGEN_LDAP_USER_BASE || undefined;
  if (!userDnPattern === !userBase) throw new Error('configuration DATAGEN_LDAP_URL needs exactly one of DATAGEN_LDAP_USER_DN_PATTERN (direct bind) and DATAGEN_LDAP_USER_BASE (search, then bind)');
  if (userDnPattern && !userDnPattern.includes('{0}')) throw new Error('configuration DATAGEN_LDAP_USER_DN_PATTERN must contain {0}, where the login goes');
  const userFilter = env.DATAGEN_LDAP_USER_FILTER || '(uid={0})';
  if (!userFilter.includes('{0}')) throw new Error('configuration DATAGEN_LDAP_USER_FILTER must contain {0}, where the login goes');
  const bindDn = env.DATAGEN_LDAP_BIND_DN || undefined;
  // A bind DN with an empty password would be an unauthenticated bind, which some servers accept as anonymous.
  if (bindDn && !env.DATAGEN_LDAP_BIND_PASSWORD) throw new Error('configuration DATAGEN_LDAP_BIND_DN needs DATAGEN_LDAP_BIND_PASSWORD');
  const startTls = env.DATAGEN_LDAP_STARTTLS === 'true';
  if (startTls && url.protocol === 'ldaps:') throw new Error('configuration DATAGEN_LDAP_STARTTLS is for ldap:// URLs; ldaps:// is TLS already');
  return {
    url: `${url.protocol}//${url.host}`,
    userDnPattern,
    bindDn,
    bindPassword: bindDn ? env.DATAGEN_LDAP_BIND_PASSWORD : undefined,
    userBase,
    userFilter,
    userAttribute: env.DATAGEN_LDAP_USER_ATTRIBUTE || 'uid',
    groupBase: env.DATAGEN_LDAP_GROUP_BASE || undefined,
    groupFilter: env.DATAGEN_LDAP_GROUP_FILTER || '(member={0})',
    groupAttribute: env.DATAGEN_LDAP_GROUP_ATTRIBUTE || 'cn',
    roles: { admin: commaList(env.DATAGEN_LDAP_ADMIN_GROUPS), user: commaList(env.DATAGEN_LDAP_USER_GROUPS), viewer: commaList(env.DATAGEN_LDAP_VIEWER_GROUPS) },
    caFile: env.DATAGEN_LDAP_CA_FILE ? path.resolve(env.DATAGEN_LDAP_CA_FILE) : undefined,
    startTls,
    cacheSeconds: env.DATAGEN_LDAP_CACHE_SECONDS === '0' ? 0 : positiveInt('DATAGEN_LDAP_CACHE_SECONDS', env.DATAGEN_LDAP_CACHE_SECONDS, 60),
    timeoutSeconds: positiveInt('DATAGEN_LDAP_TIMEOUT_SECONDS', env.DATAGEN_LDAP_TIMEOUT_SECONDS, 5),
  };
}

/** JetStream keeps at most 5 replicas of a stream; an even count tolerates no more failures than the odd one below it. */
function natsReplicas(v: string | undefined): number {
  const n = positiveInt('DATAGEN_NATS_REPLICAS', v, 1);
  if (n > 5) throw new Error(`configuration DATAGEN_NATS_REPLICAS=${v} must be between 1 and 5 (JetStream's limit)`);
  return n;
}

/** An existing NATS server to use (NATS_URL); unset: a service starts an embedded one, tools need it given. */
export function natsUrlOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.NATS_URL || undefined;
}

/** Whether terminal output may be coloured: not with NO_COLOR set (https://no-color.org). */
export function colourAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return !env.NO_COLOR;
}

/** Environment variables that configure the service or its sinks: their secret values are scrubbed from the log. */
const SETTING_PREFIXES = ['DATAGEN_', 'NATS_', 'KAFKA_', 'HBASE_', 'HIVE_', 'SCHEMA_REGISTRY_', 'S3_', 'HDFS_', 'OZONE_', 'ADLS_', 'GCS_', 'SOLR_', 'POSTGRESQL_', 'MYSQL_', 'KUDU_'];

export interface LogSettings {
  level?: string;
  /** The service's and its sinks' settings, whose secret values the log never shows. */
  settings: Record<string, string>;
}

export function logSettings(env: NodeJS.ProcessEnv = process.env): LogSettings {
  const settings: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && SETTING_PREFIXES.some((p) => k.startsWith(p))) settings[k] = v;
  return { level: env.DATAGEN_LOG_LEVEL || undefined, settings };
}

/** What `npm run bench` reads: sizes of the sink benchmarks, and running servers to measure instead of starting them. */
export interface BenchSettings {
  fileRows: number;
  fileRounds: number;
  kafkaRows: number;
  hbaseRows: number;
  /** "kafka" or "hbase": measure just that one. */
  only?: string;
  kafkaBrokers?: string;
  hbaseRestUrl?: string;
}

export function benchSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    fileRows: positiveInt('BENCH_FILE_ROWS', env.BENCH_FILE_ROWS, 10_000),
    fileRounds: positiveInt('BENCH_FILE_ROUNDS', env.BENCH_FILE_ROUNDS, 3),
    kafkaRows: positiveInt('BENCH_KAFKA_ROWS', env.BENCH_KAFKA_ROWS, 50_000),
    hbaseRows: positiveInt('BENCH_HBASE_ROWS', env.BENCH_HBASE_ROWS, 20_000),
    only: env.BENCH_ONLY || undefined,
    kafkaBrokers: env.BENCH_KAFKA_BROKERS || undefined,
    hbaseRestUrl: env.BENCH_HBASE_REST_URL || undefined,
  };
}

function limitsFrom(env: NodeJS.ProcessEnv): Limits {
  const entries = Object.entries(LIMIT_VARIABLES).map(([key, name]) => [key, positiveInt(name, env[name], DEFAULT_LIMITS[key as keyof Limits])]);
  return Object.fromEntries(entries) as Limits;
}

/** A thread's heap (from `heapVariable`), young generation and stack (DATAGEN_THREAD_YOUNG_MB, DATAGEN_THREAD_STACK_MB). */
function threadLimits(env: NodeJS.ProcessEnv, heapVariable: string, heapMb: number): ThreadLimits {
  return {
    heapMb: positiveInt(heapVariable, env[heapVariable], heapMb),
    // 4 MB: a young generation is resident in every thread that allocates. A chunk is encoded 32 KB of text at a
    // time (chunk-bytes.ts), so small semi-spaces do not promote it: measured on 10M-row single batches (json, csv,
    // one serve), 4 MB ran as fast as 16 MB and peaked 25-45 MB lower; 48 MB kept the model-check thread at ~120 MB.
    youngMb: positiveInt('DATAGEN_THREAD_YOUNG_MB', env.DATAGEN_THREAD_YOUNG_MB, 4),
    stackMb: positiveInt('DATAGEN_THREAD_STACK_MB', env.DATAGEN_THREAD_STACK_MB, 4),
    heapVariable,
  };
}
