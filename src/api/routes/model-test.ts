/** POST /model/test: one generated row of an uploaded or stored model, ghost fields included and named. */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Middleware } from 'koa';
import { testRow } from '../../model/test-row.js';
import type { ApiDeps } from '../deps.js';
import { resolveModel, type UploadedFile } from '../model-input.js';
import { optionalNonNegativeInt, requestParams } from '../params.js';
import { readableFiles } from '../../readable-files.js';

export function modelTestRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter();
  router.post('/model/test', upload, async (ctx) => {
    const params = requestParams(ctx);
    const files = ((ctx as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[];
    const model = await resolveModel(params, files, { store: deps.models, modelDirs: deps.config.modelDirs, protectedRoots: deps.config.protectedRoots });
    const seed = optionalNonNegativeInt(params, 'seed');
    ctx.body = await testRow(model, readableFiles(deps.config), seed !== undefined ? { seed } : {});
  });
  return router;
}
