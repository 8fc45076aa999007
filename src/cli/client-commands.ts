/** The client subcommands of `datagen` (they talk to a service over HTTP): generate, status, list, history, cancel. */
import type { Command } from 'commander';
import { registerCancel } from './cancel.js';
import { registerGenerate } from './generate.js';
import { registerHistory } from './history.js';
import { registerList } from './list.js';
import { registerStatus } from './status.js';

export function registerClientCommands(program: Command): void {
  registerGenerate(program);
  registerStatus(program);
  registerList(program);
  registerHistory(program);
  registerCancel(program);
}
