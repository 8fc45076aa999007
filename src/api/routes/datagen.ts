/** POST /datagen/<service>: validates the request, records `queued`, answers the command's uuid at once. */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import { randomInt, randomUUID } from 'node:crypto';
import { BadRequestError } from '../../errors.js';
import { sinkContext, sinkSettings } from '../../sinks/context.js';
import { sinkFor } from '../../sinks/registry.js';
import type { ApiDeps } from '../deps.js';
import { resolveModel, type UploadedFile } from '../model-input.js';
import { assertRequestWithinLimits } from '../../model/model-limits.js';
import { extraProperties } from '../extra-properties.js';
import { splitSecrets } from '../../secrets.js';
import { optionalBoolean, optionalNonNegativeInt, positiveInt, requestParams } from '../params.js';
import type { Middleware } from 'koa';
import { assertCanRecord } from '../availability.js';
import { readableFiles } from '../../readable-files.js';
import { OutputClaims } from '../output-claims.js';

const MAX_THREADS = 1000;

/** Model warnings (unknown keys, ignored properties) travel with the answer, never blocking it. */
function warningsOf(model: { warnings?: string[] }): { warnings?: string[] } {
  return model.warnings?.length ? { warnings: model.warnings } : {};
}

export function datagenRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  const claims = new OutputClaims(deps.readModel);
  router.post('/datagen/:service', upload, async (ctx) => {
    assertCanRecord(deps.health);
    const { config, models, events, readModel } = deps;
    const service = ctx.params.service;
    const sink = sinkFor(service);
    const params = requestParams(ctx);
    const rows = positiveInt(params, 'rows', config.defaults.rows);
    const batches = positiveInt(params, 'batches', config.defaults.batches);
    const threads = positiveInt(params, 'threads', config.defaults.threads, MAX_THREADS);
    const givenSeed = optionalNonNegativeInt(params, 'seed');
    const scheduled = optionalBoolean(params, 'scheduled');
    const delay = optionalNonNegativeInt(params, 'delay_between_executions_seconds');
    if (scheduled === true && delay === undefined) {
      throw new BadRequestError('parameter delay_between_executions_seconds is required when scheduled=true', { parameter: 'delay_between_executions_seconds' });
    }
    // As in the original, the delay alone makes a schedule; an explicit scheduled=false overrides it.
    const isSchedule = delay !== undefined && scheduled !== false;
    if (isSchedule && delay! < config.minScheduleDelaySeconds) {
      throw new BadRequestError(`parameter delay_between_executions_seconds must be at least ${config.minScheduleDelaySeconds} (DATAGEN_MIN_SCHEDULE_DELAY_SECONDS), got ${delay}`, { parameter: 'delay_between_executions_seconds', value: String(delay) });
    }
    const files = ((ctx as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[];
    const model = await resolveModel(params, files, { store: models, modelDirs: config.modelDirs, protectedRoots: config.protectedRoots, limits: config.limits });
    assertRequestWithinLimits({ rows, batches }, model, config.limits);
    await deps.modelChecks.compile(model, readableFiles(config));
    const commandUuid = randomUUID();
    const overrides = extraProperties(params);
    const { plain, secret } = splitSecrets(overrides);
    const sinkCtx = sinkContext(commandUuid, model, rows, batches, sinkSettings(config, overrides));
    sink.validate(sinkCtx);
    const target = sink.outputTarget?.(sinkCtx);
    // A schedule claims the names of all its executions.
    const output = target && isSchedule ? { ...target, execution: 'every' as const } : target;
    const hash = await models.putContent(model);
    const owner = (ctx.state as { user?: { name: string } }).user?.name ?? 'anonymous';
    const request = { service: sink.name, rows, batches, threads, model: { name: model.name, hash }, properties: plain, owner, ...(output ? { output } : {}) };
    await claims.claim(output, isSchedule ? commandUuid : undefined, async () => {
      await deps.secrets.put(commandUuid, secret);
      if (isSchedule) {
        const { seq } = await events.appendSchedule(commandUuid, 'schedule-created', {
          request: { ...request, ...(givenSeed !== undefined ? { seed: givenSeed } : {}) },
          delaySeconds: delay!,
        }, { actor: 'api' });
        await readModel.waitFor(seq);
        deps.log.info({ scheduleId: commandUuid, service: sink.name, delaySeconds: delay, model: model.name }, 'schedule created');
        return;
      }
      const { seq } = await events.append(commandUuid, 'queued', { ...request, seed: givenSeed ?? randomInt(0, 2 ** 48 - 1) }, { actor: 'api' });
      // Answer once our own read model knows the command, so an immediate status query finds it (and the next claim sees it).
      await readModel.waitFor(seq);
      deps.log.info({ commandUuid, service: sink.name, rows, batches, threads, model: model.name }, 'command queued');
    });
    ctx.body = { commandUuid, error: '', ...warningsOf(model) };
  });
  return router;
}
