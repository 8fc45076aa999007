/**
 * POST /datagen/<service>: parses the request, submits the command (or schedule), answers its uuid at once.
 * POST /datagen/dataset: several commands whose models may reference each other, parents first (submit-dataset.ts).
 */
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { BadRequestError } from '../../errors.js';
import { connectorNames, MULTI_SERVICE } from '../../sinks/multi-sink.js';
import { sinkFor } from '../../sinks/registry.js';
import { OutputClaims } from '../../use-cases/output-claims.js';
import { submitCommand, type SubmitRequest } from '../../use-cases/submit-command.js';
import { submitDataset } from '../../use-cases/submit-dataset.js';
import { datasetRequest } from '../dataset-input.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { extraProperties } from '../extra-properties.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { optionalBoolean, optionalNonNegativeInt, positiveInt, repeatedParam, requestParams, uuidListParam } from '../params.js';
import { rateSpecOf, ratedShape } from '../rate-params.js';
import { apiRouter } from '../router.js';

const MAX_THREADS = 1000;

export function datagenRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  const submitDeps = { ...deps, claims: new OutputClaims(deps.readModel) };
  // Before /datagen/:service, which would take "dataset" for a sink.
  router.post('/datagen/dataset', async (ctx) => {
    const body = (ctx.request as unknown as { body?: unknown }).body;
    const { rows, batches, threads } = deps.config.defaults;
    ctx.body = await submitDataset(submitDeps, datasetRequest(body, repeatedParam(ctx, 'after'), { rows, batches, threads }, callerOf(ctx)));
  });
  router.post('/datagen/:service', upload, async (ctx) => {
    const { commandUuid, warnings } = await submitCommand(submitDeps, submitRequest(ctx, deps.config.defaults));
    // Model warnings (unknown keys, ignored properties) travel with the answer, never blocking it.
    ctx.body = { commandUuid, error: '', ...(warnings.length ? { warnings } : {}) };
  });
  return router;
}

function submitRequest(ctx: Context, defaults: ApiDeps['config']['defaults']): SubmitRequest {
  const sink = sinkFor(ctx.params.service!);
  const params = requestParams(ctx);
  // A rate-controlled request derives its rows and batches from its pace when it does not give them.
  const rate = rateSpecOf(params);
  const shape = rate && ratedShape(params, rate);
  const rows = shape ? shape.rows : positiveInt(params, 'rows', defaults.rows);
  const batches = shape ? shape.batches : positiveInt(params, 'batches', defaults.batches);
  const threads = positiveInt(params, 'threads', defaults.threads, MAX_THREADS);
  const seed = optionalNonNegativeInt(params, 'seed');
  const scheduled = optionalBoolean(params, 'scheduled');
  const delay = optionalNonNegativeInt(params, 'delay_between_executions_seconds');
  if (scheduled === true && delay === undefined) {
    throw new BadRequestError('parameter delay_between_executions_seconds is required when scheduled=true', { parameter: 'delay_between_executions_seconds' });
  }
  // As in the original, the delay alone makes a schedule; an explicit scheduled=false overrides it.
  const delaySeconds = scheduled === false ? undefined : delay;
  if (shape?.unbounded && delaySeconds !== undefined) {
    throw new BadRequestError('a schedule\'s executions must end: give batches or duration with rows_per_second', { parameter: 'batches' });
  }
  const paced = shape ? { rate: shape.rate, ...(shape.unbounded ? { unbounded: true as const } : {}) } : {};
  const model = modelChoice(params, uploadedFiles(ctx));
  const overrides = extraProperties(params);
  // Other services ignore connectors, as the original does.
  const connectors = sink.name === MULTI_SERVICE ? { connectors: connectorNames(repeatedParam(ctx, 'connectors')) } : {};
  const after = uuidListParam(repeatedParam(ctx, 'after'), 'after');
  return { sink, ...connectors, ...(after.length ? { after } : {}), rows, batches, threads, ...(seed !== undefined ? { seed } : {}), ...(delaySeconds !== undefined ? { delaySeconds } : {}), ...paced, model, overrides, credentials: repeatedParam(ctx, 'credentials'), caller: callerOf(ctx) };
}
