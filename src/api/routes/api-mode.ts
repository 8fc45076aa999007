/**
 * POST /datagen/api and GET /datagen/api/gen (the original's API mode): register a model, then ask for one row
 * (the row object, as the original answered) or, with rows=N, a page of rows (an array). The seed used comes back
 * in X-Datagen-Seed; passing it as seed= gives the same rows. Registered before /datagen/:service, which would
 * otherwise take "api" for a sink's name.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { BadRequestError } from '../../errors.js';
import { MAX_API_ROWS } from '../../model/api-rows.js';
import { apiModelRows, registerApiModel } from '../../use-cases/api-mode.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { optionalNonNegativeInt, positiveInt, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

export function apiModeRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  router.post('/datagen/api', upload, async (ctx) => {
    const modelId = await registerApiModel(deps, modelChoice(requestParams(ctx), uploadedFiles(ctx)), callerOf(ctx));
    ctx.body = { modelId };
  });
  router.get('/datagen/api/gen', async (ctx) => {
    const params = requestParams(ctx);
    const modelId = params.modelId?.trim();
    if (!modelId) throw new BadRequestError('parameter modelId is required: the modelId POST /datagen/api answered, or a stored model\'s name', { parameter: 'modelId' });
    const page = params.rows !== undefined;
    const rows = positiveInt(params, 'rows', 1, MAX_API_ROWS);
    const seed = optionalNonNegativeInt(params, 'seed');
    const result = await apiModelRows(deps, modelId, callerOf(ctx), { rows, ...(seed !== undefined ? { seed } : {}) });
    ctx.set('X-Datagen-Seed', String(result.seed));
    ctx.body = page ? result.rows : result.rows[0];
  });
  return router;
}
