/**
 * Structured JSON logs (pino); every line about a command carries its commandUuid. No secret reaches a line:
 * logged objects are redacted by the secret rule (a secret key's value, URL credentials), and each finished
 * line is scrubbed of URL credentials and of every secret value this process has loaded (a driver's error text
 * may quote one under any name).
 */
import { pino, type Logger } from 'pino';
import { redactUrlUserInfo, secretValuesOf } from './secrets.js';
import { rememberSecretValues, scrubKnownSecrets } from './secrets/known-values.js';
import { redactDeep } from './secrets/redact-deep.js';

/** Environment variables that configure the service or its sinks: their secret values are scrubbed from the log. */
const SETTING_PREFIXES = ['DATAGEN_', 'NATS_', 'KAFKA_', 'HBASE_', 'SCHEMA_REGISTRY_', 'S3_', 'HDFS_', 'ADLS_', 'GCS_'];

export function createLogger(name: string): Logger {
  const settings = Object.fromEntries(Object.entries(process.env).filter(([k]) => SETTING_PREFIXES.some((p) => k.startsWith(p))));
  rememberSecretValues(secretValuesOf(settings));
  return pino({
    name,
    level: process.env.DATAGEN_LOG_LEVEL ?? 'info',
    base: { pid: process.pid, role: name },
    formatters: { log: (object) => redactDeep(object) },
    hooks: { streamWrite: (line) => scrubKnownSecrets(redactUrlUserInfo(line)) },
  });
}
