/**
 * /command/*: status views from the read model, a command's audit history (and its state as of any stream
 * sequence) from the event stream, cancel, and schedules (a schedule answers under the uuid given at submission).
 */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Context } from 'koa';
import { STATUSES, TERMINAL_STATUSES, type CommandStatus } from '../../../machines/command.machine.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors.js';
import { foldEvents, statusOf, type CommandSnapshot } from '../../command/fold.js';
import { scheduleView } from '../../projection/schedule-view.js';
import { commandDetails, statusView, type StatusView } from '../../projection/status-view.js';
import type { ScheduleState } from '../../schedule/schedule-state.js';
import type { ApiDeps } from '../deps.js';
import { commandUuidParam, optionalNonNegativeInt, requestParams } from '../params.js';
import { assertCanRecord } from '../availability.js';
import { redactDeep } from '../../secrets/redact-deep.js';

/** The original calls STARTING "STARTED"; both are accepted. */
const STATUS_ALIASES: Record<string, CommandStatus> = { STARTED: 'STARTING' };

export function commandRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/command' });
  const { readModel, events } = deps;
  const both = (path: string, handler: (ctx: Context) => Promise<void> | void) => {
    router.get(path, handler);
    router.post(path, handler);
  };
  const notFound = (uuid: string) => new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });

  /** The command's state now, or as of a stream sequence (`asOfSeq`), folded from its stored events. */
  async function snapshotFor(ctx: Context): Promise<{ uuid: string; snapshot?: CommandSnapshot; schedule?: ScheduleState; at: number }> {
    const params = requestParams(ctx);
    const uuid = commandUuidParam(params);
    const asOf = optionalNonNegativeInt(params, 'asOfSeq');
    if (asOf !== undefined) {
      const history = (await events.readCommand(uuid)).filter((e) => e.seq <= asOf);
      if (history.length === 0) throw new NotFoundError(`command ${uuid} did not exist at stream sequence ${asOf}`, { commandUuid: uuid, asOfSeq: asOf });
      return { uuid, snapshot: foldEvents(history), at: Date.parse(history.at(-1)!.meta.occurredAt) };
    }
    const snapshot = readModel.get(uuid);
    const schedule = snapshot ? undefined : readModel.schedule(uuid);
    if (!snapshot && !schedule) throw notFound(uuid);
    return { uuid, snapshot, schedule, at: Date.now() };
  }

  /** A schedule's status is its latest execution's, under the schedule's uuid. */
  function scheduleStatus(schedule: ScheduleState): StatusView & { scheduleId: string; scheduleStatus: string; executionUuid: string | null } {
    const last = schedule.executions.at(-1);
    const snapshot = last ? readModel.get(last.commandUuid) : undefined;
    const base: StatusView = snapshot
      ? statusView(snapshot)
      : { ...emptyView(schedule), commandUuid: schedule.scheduleId };
    return {
      ...base,
      commandUuid: schedule.scheduleId,
      comment: schedule.status === 'PAUSED' ? schedule.comment : base.comment,
      scheduleId: schedule.scheduleId,
      scheduleStatus: schedule.status,
      executionUuid: last?.commandUuid ?? null,
    };
  }

  both('/getCommandStatus', async (ctx) => {
    const { snapshot, schedule, at } = await snapshotFor(ctx);
    ctx.body = snapshot ? statusView(snapshot, at) : scheduleStatus(schedule!);
  });

  both('/get', async (ctx) => {
    const { snapshot, schedule, at } = await snapshotFor(ctx);
    ctx.body = snapshot ? commandDetails(snapshot, at) : scheduleView(schedule!, (u) => readModel.get(u));
  });

  both('/getAll', (ctx) => {
    const now = Date.now();
    ctx.body = readModel.all().map((s) => statusView(s, now));
  });

  both('/getByStatus', (ctx) => {
    const raw = requestParams(ctx).status?.trim().toUpperCase();
    if (!raw) throw new BadRequestError(`parameter status is required; valid values: ${STATUSES.join(', ')}`, { parameter: 'status' });
    const status = STATUS_ALIASES[raw] ?? raw;
    if (!STATUSES.includes(status as CommandStatus)) {
      throw new BadRequestError(`parameter status "${raw}" is not a command status; valid values: ${STATUSES.join(', ')} (STARTED is accepted for STARTING)`, { parameter: 'status', value: raw });
    }
    const now = Date.now();
    ctx.body = readModel.byStatus(status as CommandStatus).map((s) => statusView(s, now));
  });

  both('/history', async (ctx) => {
    const uuid = commandUuidParam(requestParams(ctx));
    const stored = await events.readCommand(uuid);
    const list = stored.length ? stored : await events.readSchedule(uuid);
    if (list.length === 0) throw notFound(uuid);
    ctx.body = {
      commandUuid: uuid,
      ...(stored.length ? {} : { scheduleId: uuid }),
      events: list.map((e) => ({ seq: e.seq, type: e.type, at: e.meta.occurredAt, data: redactDeep(e.data), ...(e.meta.actor ? { actor: e.meta.actor } : {}) })),
    };
  });

  router.post('/cancel', async (ctx) => {
    assertCanRecord(deps.health);
    const { uuid, snapshot } = await snapshotFor(ctx);
    if (!snapshot) throw new BadRequestError(`${uuid} is a schedule: stop it with /command/removeScheduled`, { commandUuid: uuid });
    const status = statusOf(snapshot);
    if ((TERMINAL_STATUSES as readonly string[]).includes(status)) {
      throw new ConflictError(`command ${uuid} is already ${status} and cannot be cancelled`, { commandUuid: uuid, status });
    }
    const by = userOf(ctx);
    const { seq } = await events.append(uuid, 'cancel-requested', { by }, { actor: 'api' });
    await readModel.waitFor(seq);
    deps.log.info({ commandUuid: uuid, by }, 'cancel requested');
    ctx.body = statusView(readModel.get(uuid)!);
  });

  const listSchedules = (ctx: Context) => {
    const now = Date.now();
    ctx.body = readModel.allSchedules().filter((s) => s.status !== 'REMOVED').map((s) => scheduleView(s, (u) => readModel.get(u), now));
  };
  both('/getAllScheduled', listSchedules);
  both('/getScheduled', listSchedules);

  // POST only: it changes state, so a link or an <img> must not be able to trigger it.
  router.post('/removeScheduled', async (ctx) => {
    assertCanRecord(deps.health);
    const uuid = commandUuidParam(requestParams(ctx));
    const schedule = readModel.schedule(uuid);
    if (!schedule) throw new NotFoundError(`schedule ${uuid} not found`, { commandUuid: uuid });
    if (schedule.status !== 'REMOVED') {
      const by = userOf(ctx);
      const { seq } = await events.appendSchedule(uuid, 'schedule-removed', { by }, { actor: 'api' });
      await readModel.waitFor(seq);
      deps.log.info({ scheduleId: uuid, by }, 'schedule removed');
    }
    ctx.body = scheduleView(readModel.schedule(uuid)!, (u) => readModel.get(u));
  });

  return router;
}

function userOf(ctx: Context): string {
  return (ctx.state as { user?: { name: string } }).user?.name ?? 'anonymous';
}

function emptyView(s: ScheduleState): StatusView {
  const r = s.request;
  return {
    commandUuid: s.scheduleId, status: 'QUEUED', comment: '', progress: '0.0', duration: '0ms', durationMs: 0,
    service: r.service, modelName: r.model.name, rows: r.rows, batches: r.batches, threads: r.threads,
    batchesCompleted: 0, rowsWritten: 0, rowsRequested: r.rows * r.batches, queuedAt: s.createdAt, startedAt: null, finishedAt: null,
  };
}
