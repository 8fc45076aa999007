/**
 * POST /model/test: one generated row of an uploaded or stored model, ghost fields included and named.
 * POST /model/preview: its first rows and located warnings, for the dashboard's builder (same input, same limits).
 * GET /model/catalog: field types, properties and sink keys with their help (src/model/catalog.ts).
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { modelCatalog } from '../../model/catalog.js';
import { previewModel } from '../../use-cases/preview-model.js';
import { testModel } from '../../use-cases/test-model.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { optionalNonNegativeInt, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

export function modelTestRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  const catalog = modelCatalog();
  router.post('/model/test', upload, async (ctx) => {
    const params = requestParams(ctx);
    const choice = modelChoice(params, uploadedFiles(ctx));
    ctx.body = await testModel(deps, choice, callerOf(ctx), optionalNonNegativeInt(params, 'seed'));
  });
  router.post('/model/preview', upload, async (ctx) => {
    const params = requestParams(ctx);
    const choice = modelChoice(params, uploadedFiles(ctx));
    ctx.body = await previewModel(deps, choice, callerOf(ctx), optionalNonNegativeInt(params, 'seed'));
  });
  router.get('/model/catalog', (ctx) => {
    ctx.body = catalog;
  });
  return router;
}
