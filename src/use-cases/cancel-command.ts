/**
 * Cancels a command: records `cancel-requested` when the command decider accepts it (the command has not ended),
 * a 409 naming its status otherwise. The orchestrator then ends it CANCELLED; no new batch of it starts.
 * Only its owner (the submitter recorded in `queued`) or an admin may: every signed-in user sees every command,
 * so another's is a 403, as a model one may use but not change (stopped-by-owner.ts).
 */
import type { Logger } from 'pino';
import { decideCancel } from '../command/decide.js';
import { contextOf, type CommandSnapshot } from '../command/fold.js';
import { BadRequestError, ConflictError, NotFoundError } from '../errors.js';
import type { HealthProbe } from '../health.js';
import type { EventLog } from '../ports/event-log.js';
import type { ReadModel } from '../projection/read-model.js';
import type { Caller } from '../users/user-directory.js';
import { assertCanRecord } from './can-record.js';
import { assertMayStop } from './stopped-by-owner.js';

export interface CancelDeps {
  events: EventLog;
  readModel: ReadModel;
  health: HealthProbe;
  log: Logger;
}

/** The command's state once the read model has applied the request. */
export async function cancelCommand(deps: CancelDeps, commandUuid: string, caller: Caller): Promise<CommandSnapshot> {
  assertCanRecord(deps.health);
  const snapshot = await deps.readModel.load(commandUuid);
  if (!snapshot) {
    if (deps.readModel.schedule(commandUuid)) throw new BadRequestError(`${commandUuid} is a schedule: stop it with /command/removeScheduled`, { commandUuid });
    throw new NotFoundError(`command ${commandUuid} not found`, { commandUuid });
  }
  assertMayStop(caller, contextOf(snapshot).owner, `command ${commandUuid}`);
  const by = caller.name;
  const decision = decideCancel(snapshot);
  if (!decision.accepted) throw new ConflictError(decision.reason, { commandUuid, status: decision.status });
  const { seq } = await deps.events.append(commandUuid, 'cancel-requested', { by }, { actor: 'api' });
  await deps.readModel.waitFor(seq);
  deps.log.info({ commandUuid, by }, 'cancel requested');
  return (await deps.readModel.load(commandUuid))!;
}
