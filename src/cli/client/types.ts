/** Response shapes of the REST API as the CLI reads them (the service's own types, imported type-only). */
import type { CommandStatus } from '../../../machines/command.machine.js';
import type { CommandDetails, StatusView } from '../../projection/status-view.js';

export type { CommandDetails, CommandStatus, StatusView };

export const TERMINAL: readonly CommandStatus[] = ['FINISHED', 'FAILED', 'CANCELLED'];

export function isTerminal(status: string): boolean {
  return (TERMINAL as readonly string[]).includes(status);
}

/** POST /datagen/<service> */
export interface SubmitResponse {
  commandUuid: string;
  error: string;
}

/** One entry of /command/history. */
export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  data: Record<string, unknown>;
  actor?: string;
}

export interface HistoryResponse {
  commandUuid: string;
  events: HistoryEvent[];
}

/** The data of one SSE message of /command/events. */
export interface LiveEvent {
  seq: number;
  type: string;
  at: string;
  commandUuid: string;
  data: Record<string, unknown>;
  status: StatusView;
}
