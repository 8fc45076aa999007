/** POST /model/test: one generated row of an uploaded or stored model, ghost fields included and named. */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { testModel } from '../../use-cases/test-model.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { optionalNonNegativeInt, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

export function modelTestRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  router.post('/model/test', upload, async (ctx) => {
    const params = requestParams(ctx);
    const choice = modelChoice(params, uploadedFiles(ctx));
    ctx.body = await testModel(deps, choice, callerOf(ctx), optionalNonNegativeInt(params, 'seed'));
  });
  return router;
}
