/** /command/*: status views from the read model, and a command's audit history from the event stream. */
import Router from '@koa/router';
import type { Context } from 'koa';
import { STATUSES, TERMINAL_STATUSES, type CommandStatus } from '../../../machines/command.machine.js';
import { statusOf } from '../../events/fold.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { commandDetails, statusView } from '../../projection/status-view.js';
import type { ApiDeps } from '../deps.js';
import { commandUuidParam, requestParams } from '../params.js';

/** The original calls STARTING "STARTED"; both are accepted. */
const STATUS_ALIASES: Record<string, CommandStatus> = { STARTED: 'STARTING' };

export function commandRoutes(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/command' });
  const both = (path: string, handler: (ctx: Context) => Promise<void> | void) => {
    router.get(path, handler);
    router.post(path, handler);
  };

  const snapshotOf = (ctx: Context) => {
    const uuid = commandUuidParam(requestParams(ctx));
    const snapshot = deps.readModel.get(uuid);
    if (!snapshot) throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });
    return snapshot;
  };

  both('/getCommandStatus', (ctx) => {
    ctx.body = statusView(snapshotOf(ctx));
  });

  both('/get', (ctx) => {
    ctx.body = commandDetails(snapshotOf(ctx));
  });

  both('/getAll', (ctx) => {
    const now = Date.now();
    ctx.body = deps.readModel.all().map((s) => statusView(s, now));
  });

  both('/getByStatus', (ctx) => {
    const raw = requestParams(ctx).status?.trim().toUpperCase();
    if (!raw) throw new BadRequestError(`parameter status is required; valid values: ${STATUSES.join(', ')}`, { parameter: 'status' });
    const status = STATUS_ALIASES[raw] ?? raw;
    if (!STATUSES.includes(status as CommandStatus)) {
      throw new BadRequestError(`parameter status "${raw}" is not a command status; valid values: ${STATUSES.join(', ')} (STARTED is accepted for STARTING)`, { parameter: 'status', value: raw });
    }
    const now = Date.now();
    ctx.body = deps.readModel.byStatus(status as CommandStatus).map((s) => statusView(s, now));
  });

  both('/history', async (ctx) => {
    const uuid = commandUuidParam(requestParams(ctx));
    const events = await deps.events.readCommand(uuid);
    if (events.length === 0) throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });
    ctx.body = {
      commandUuid: uuid,
      events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.meta.occurredAt, data: e.data, ...(e.meta.actor ? { actor: e.meta.actor } : {}) })),
    };
  });

  router.post('/cancel', async (ctx) => {
    const snapshot = snapshotOf(ctx);
    const uuid = snapshot.context.commandUuid;
    const status = statusOf(snapshot);
    if ((TERMINAL_STATUSES as readonly string[]).includes(status)) {
      throw new ConflictError(`command ${uuid} is already ${status} and cannot be cancelled`, { commandUuid: uuid, status });
    }
    const by = (ctx.state as { user?: { name: string } }).user?.name ?? 'anonymous';
    const { seq } = await deps.events.append(uuid, 'cancel-requested', { by }, { actor: 'api' });
    await deps.readModel.waitFor(seq);
    deps.log.info({ commandUuid: uuid, by }, 'cancel requested');
    ctx.body = statusView(deps.readModel.get(uuid)!);
  });

  return router;
}
