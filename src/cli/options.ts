/** Options shared by the client commands: which server, whose credentials, human or JSON output. */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { DatagenClient } from './client/api.js';

export const DEFAULT_SERVER = 'http://127.0.0.1:4242';

export interface ClientCommandOptions {
  server?: string;
  user?: string;
  json?: boolean;
}

/** --server, --user and --json; `defaultServer` is false for `generate`, where no server means an embedded one. */
export function withClientOptions(cmd: Command, defaultServer = true): Command {
  const server = new Option('--server <url>', 'URL of the datagen service').env('DATAGEN_SERVER');
  cmd.addOption(defaultServer ? server.default(DEFAULT_SERVER) : server);
  cmd.addOption(new Option('--user <name:password>', 'HTTP Basic credentials, when the service has users').env('DATAGEN_USER'));
  cmd.option('--json', 'machine output: JSON on stdout');
  return cmd;
}

export function clientFor(opts: ClientCommandOptions): DatagenClient {
  return new DatagenClient({ server: opts.server || DEFAULT_SERVER, user: opts.user || undefined });
}

export function positiveInteger(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export function positiveNumber(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

export function nonNegativeInteger(v: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 0) throw new InvalidArgumentError('must be a non-negative integer');
  return n;
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
