/** POST /model/test: one generated row of an uploaded or stored model, ghost fields included and named. */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Middleware } from 'koa';
import type { ApiDeps } from '../deps.js';
import { resolveModel, type UploadedFile } from '../model-input.js';
import { optionalNonNegativeInt, requestParams } from '../params.js';
import { readableFiles } from '../../readable-files.js';

export function modelTestRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  router.post('/model/test', upload, async (ctx) => {
    const params = requestParams(ctx);
    const files = ((ctx as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[];
    const model = await resolveModel(params, files, { store: deps.models, modelDirs: deps.config.modelDirs, protectedRoots: deps.config.protectedRoots, limits: deps.config.limits });
    const seed = optionalNonNegativeInt(params, 'seed');
    // On a model-check thread: a slow or huge model never blocks the API's thread.
    ctx.body = await deps.modelChecks.testRow(model, readableFiles(deps.config), seed);
  });
  return router;
}
