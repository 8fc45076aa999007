/**
 * /model_store/*: stored models by name (kept in JetStream). Unlike the original, /delete answers true when
 * the model was deleted, and adding never happens implicitly through /datagen uploads.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { BadRequestError } from '../../errors.js';
import { deleteModel } from '../../use-cases/delete-model.js';
import { storedModel } from '../../use-cases/stored-model.js';
import { storeModel } from '../../use-cases/store-model.js';
import type { ApiDeps } from '../deps.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { requestParams, type Params } from '../params.js';
import { apiRouter } from '../router.js';

function modelName(params: Params): string {
  const name = params.model?.trim();
  if (!name) throw new BadRequestError('parameter model (the model name) is required', { parameter: 'model' });
  return name;
}

export function modelStoreRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter({ prefix: '/model_store' });

  router.post('/add', upload, async (ctx) => {
    const name = await storeModel(deps, modelChoice(requestParams(ctx), uploadedFiles(ctx)));
    ctx.type = 'text/plain';
    ctx.body = name;
  });

  router.get('/list', async (ctx) => {
    ctx.body = await deps.models.list();
  });

  router.get('/get', async (ctx) => {
    ctx.body = await storedModel(deps, modelName(requestParams(ctx)));
  });

  router.delete('/delete', async (ctx) => {
    ctx.body = await deleteModel(deps, modelName(requestParams(ctx)));
  });

  return router;
}
