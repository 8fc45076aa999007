/** Structured JSON logs (pino); every line about a command carries its commandUuid. */
import { pino, type Logger } from 'pino';

export function createLogger(name: string): Logger {
  return pino({ name, level: process.env.DATAGEN_LOG_LEVEL ?? 'info', base: { pid: process.pid, role: name } });
}
