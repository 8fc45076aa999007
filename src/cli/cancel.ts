/** `datagen cancel <uuid>`: asks the service to cancel a command that has not ended. */
import type { Command } from 'commander';
import { clientFor, printJson, withClientOptions, type ClientCommandOptions } from './options.js';
import { EXIT_OK, runClient } from './run.js';
import { paintStatus } from './style.js';

export function registerCancel(program: Command): void {
  const cmd = program.command('cancel').description('cancel a command that has not ended').argument('<uuid>', 'the command uuid');
  withClientOptions(cmd).action((uuid: string, opts: ClientCommandOptions) => runClient(() => cancel(uuid, opts)));
}

async function cancel(uuid: string, opts: ClientCommandOptions): Promise<number> {
  const res = await clientFor(opts).cancel(uuid);
  if (opts.json) printJson(res);
  else process.stdout.write(`${res.commandUuid} ${paintStatus(res.status)}\n`);
  return EXIT_OK;
}
