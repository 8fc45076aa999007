/**
 * Every decision about a command, as pure functions of its folded state: the orchestrator, the worker and
 * the API only carry them out.
 */
import { TERMINAL_STATUSES, type CommandStatus } from '../../machines/command.machine.js';
import { contextOf, statusOf, type CommandSnapshot } from './fold.js';

export type CancelDecision = { accepted: true } | { accepted: false; status: CommandStatus; reason: string };

/** A command can be cancelled until it ends; asking twice is accepted (the second request changes nothing). */
export function decideCancel(state: CommandSnapshot): CancelDecision {
  const status = statusOf(state);
  if (!isTerminal(status)) return { accepted: true };
  return { accepted: false, status, reason: `command ${contextOf(state).commandUuid} is already ${status} and cannot be cancelled` };
}

export function isTerminal(status: CommandStatus): boolean {
  return (TERMINAL_STATUSES as readonly CommandStatus[]).includes(status);
}
