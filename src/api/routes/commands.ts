/**
 * /command/*: status views from the read model, a command's audit history (and its state as of any stream
 * sequence) from the event stream, cancel, and schedules (a schedule answers under the uuid given at submission).
 */
import type Router from '@koa/router';
import type { Context } from 'koa';
import { STATUSES, type CommandStatus } from '../../../machines/command.machine.js';
import { BadRequestError } from '../../errors.js';
import type { ReadModel } from '../../projection/read-model.js';
import { scheduleView } from '../../projection/schedule-view.js';
import { commandDetails, statusView, type StatusView } from '../../projection/status-view.js';
import type { ScheduleState } from '../../schedule/schedule-state.js';
import { cancelCommand } from '../../use-cases/cancel-command.js';
import { commandAt } from '../../use-cases/command-at.js';
import { commandHistory } from '../../use-cases/command-history.js';
import { removeSchedule } from '../../use-cases/remove-schedule.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { commandUuidParam, optionalNonNegativeInt, requestParams, type Params } from '../params.js';
import { apiRouter } from '../router.js';

/** The original calls STARTING "STARTED"; both are accepted. */
const STATUS_ALIASES: Record<string, CommandStatus> = { STARTED: 'STARTING' };

export function commandRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/command' });
  const { readModel, clock } = deps;
  const both = (path: string, handler: (ctx: Context) => Promise<void> | void) => {
    router.get(path, handler);
    router.post(path, handler);
  };
  const find = (ctx: Context) => {
    const params = requestParams(ctx);
    return commandAt(deps, commandUuidParam(params), optionalNonNegativeInt(params, 'asOfSeq'));
  };
  const executionOf = (uuid: string, now: number) => readModel.view(uuid, now);

  both('/getCommandStatus', async (ctx) => {
    const found = await find(ctx);
    ctx.body = found.kind === 'command' ? { ...statusView(found.snapshot, found.at), ...readModel.waitsOf(found.snapshot) } : scheduleStatus(readModel, found.schedule);
  });

  both('/get', async (ctx) => {
    const found = await find(ctx);
    ctx.body = found.kind === 'command' ? { ...commandDetails(found.snapshot, found.at), ...readModel.waitsOf(found.snapshot) } : scheduleView(found.schedule, executionOf);
  });

  both('/getAll', (ctx) => {
    const now = clock.now();
    ctx.body = readModel.views(now);
  });

  both('/getByStatus', (ctx) => {
    const now = clock.now();
    ctx.body = readModel.byStatus(statusParam(requestParams(ctx)), now);
  });

  both('/history', async (ctx) => {
    ctx.body = await commandHistory(deps, commandUuidParam(requestParams(ctx)));
  });

  router.post('/cancel', async (ctx) => {
    const snapshot = await cancelCommand(deps, commandUuidParam(requestParams(ctx)), callerOf(ctx));
    ctx.body = statusView(snapshot);
  });

  const listSchedules = (ctx: Context) => {
    const now = clock.now();
    ctx.body = readModel.allSchedules().filter((s) => s.status !== 'REMOVED').map((s) => scheduleView(s, executionOf, now));
  };
  both('/getAllScheduled', listSchedules);
  both('/getScheduled', listSchedules);

  // POST only: it changes state, so a link or an <img> must not be able to trigger it.
  router.post('/removeScheduled', async (ctx) => {
    const schedule = await removeSchedule(deps, commandUuidParam(requestParams(ctx)), callerOf(ctx));
    ctx.body = scheduleView(schedule, executionOf);
  });

  return router;
}

function statusParam(params: Params): CommandStatus {
  const raw = params.status?.trim().toUpperCase();
  if (!raw) throw new BadRequestError(`parameter status is required; valid values: ${STATUSES.join(', ')}`, { parameter: 'status' });
  const status = STATUS_ALIASES[raw] ?? raw;
  if (!STATUSES.includes(status as CommandStatus)) {
    throw new BadRequestError(`parameter status "${raw}" is not a command status; valid values: ${STATUSES.join(', ')} (STARTED is accepted for STARTING)`, { parameter: 'status', value: raw });
  }
  return status as CommandStatus;
}

/** A schedule's status is its latest execution's, under the schedule's uuid. */
function scheduleStatus(readModel: ReadModel, schedule: ScheduleState): StatusView & { scheduleId: string; scheduleStatus: string; executionUuid: string | null } {
  const last = schedule.executions.at(-1);
  const base: StatusView = (last ? readModel.view(last.commandUuid) : undefined) ?? notStartedView(schedule);
  return {
    ...base,
    commandUuid: schedule.scheduleId,
    comment: schedule.status === 'PAUSED' ? schedule.comment : base.comment,
    scheduleId: schedule.scheduleId,
    scheduleStatus: schedule.status,
    executionUuid: last?.commandUuid ?? null,
  };
}

/** The status of a schedule none of whose executions has started yet. */
function notStartedView(s: ScheduleState): StatusView {
  const r = s.request;
  return {
    commandUuid: s.scheduleId, status: 'QUEUED', comment: '', progress: '0.0', duration: '0ms', durationMs: 0,
    service: r.service, modelName: r.model.name, rows: r.rows, batches: r.batches, threads: r.threads,
    batchesCompleted: 0, rowsWritten: 0, rowsRequested: r.rows * r.batches, queuedAt: s.createdAt, startedAt: null, finishedAt: null,
  };
}
