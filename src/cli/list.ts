/** `datagen list [--status S]`: every command (oldest first) as a table, or JSON. */
import type { Command } from 'commander';
import type { StatusView } from './client/types.js';
import { formatCount, formatTime } from './format.js';
import { clientFor, printJson, withClientOptions, type ClientCommandOptions } from './options.js';
import { EXIT_OK, runClient } from './run.js';
import { paintStatus } from './style.js';
import { formatTable } from './table.js';

interface ListOptions extends ClientCommandOptions {
  status?: string;
}

export function registerList(program: Command): void {
  const cmd = program.command('list').description('list commands as a table').option('--status <status>', 'only this status: QUEUED STARTING RUNNING FINISHED FAILED CANCELLED');
  withClientOptions(cmd).action((opts: ListOptions) => runClient(() => list(opts)));
}

async function list(opts: ListOptions): Promise<number> {
  const commands = (await clientFor(opts).list(opts.status)).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
  if (opts.json) printJson(commands);
  else if (commands.length === 0) process.stdout.write(opts.status ? `no ${opts.status.toUpperCase()} commands\n` : 'no commands yet\n');
  else process.stdout.write(`${commandTable(commands)}\n`);
  return EXIT_OK;
}

export function commandTable(commands: StatusView[]): string {
  const headers = ['UUID', 'STATUS', 'PROGRESS', 'MODEL', 'SERVICE', 'ROWS', 'DURATION', 'QUEUED'];
  const rows = commands.map((c) => [
    c.commandUuid,
    paintStatus(c.status),
    `${c.progress}%`,
    c.modelName,
    c.service,
    `${formatCount(c.rowsWritten)}/${formatCount(c.rowsRequested)}`,
    c.duration,
    formatTime(c.queuedAt),
  ]);
  return formatTable(headers, rows, [2, 5, 6]);
}
