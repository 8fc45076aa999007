/**
 * Structured JSON logs (pino); every line about a command carries its commandUuid. No secret reaches a line:
 * logged objects are redacted by the secret rule (a secret key's value, URL credentials), and each finished
 * line is scrubbed of URL credentials and of every secret value this process has loaded (a driver's error text
 * may quote one under any name).
 */
import { pino, type Logger } from 'pino';
import { logSettings, type LogSettings } from './config.js';
import { redactUrlUserInfo, secretValuesOf } from './secrets.js';
import { rememberSecretValues, scrubKnownSecrets } from './secrets/known-values.js';
import { redactDeep } from './secrets/redact-deep.js';

export function createLogger(name: string, { level = 'info', settings }: LogSettings = logSettings()): Logger {
  rememberSecretValues(secretValuesOf(settings));
  return pino({
    name,
    level,
    base: { pid: process.pid, role: name },
    formatters: { log: (object) => redactDeep(object) },
    hooks: { streamWrite: (line) => scrubKnownSecrets(redactUrlUserInfo(line)) },
  });
}
