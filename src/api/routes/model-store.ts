/**
 * /model_store/*: stored models by name (kept in JetStream), each with the original's access list (owner, users,
 * groups, admin users, admin groups), enforced in the use cases: a caller sees and uses the models they may, and
 * changes those they administer. Unlike the original, /delete answers true when the model was deleted.
 */
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import { BadRequestError } from '../../errors.js';
import type { AccessList, Grant } from '../../users/access.js';
import { deleteModel } from '../../use-cases/delete-model.js';
import { changeGrant, grantName, grantParam, listModels, modelAccess } from '../../use-cases/model-permissions.js';
import { storedModel } from '../../use-cases/stored-model.js';
import { storeModel } from '../../use-cases/store-model.js';
import { callerOf } from '../caller.js';
import type { ApiDeps } from '../deps.js';
import { modelChoice, uploadedFiles } from '../model-input.js';
import { requestParams, type Params } from '../params.js';
import { apiRouter } from '../router.js';

/** The original's path segment of each grant (list/users, add/admin_groups, ...). */
export const GRANT_PATHS: ReadonlyArray<readonly [string, Grant]> = [
  ['users', 'users'],
  ['groups', 'groups'],
  ['admin_users', 'adminUsers'],
  ['admin_groups', 'adminGroups'],
];

function modelName(params: Params): string {
  const name = params.model?.trim();
  if (!name) throw new BadRequestError('parameter model (the model name) is required', { parameter: 'model' });
  return name;
}

export function modelStoreRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter({ prefix: '/model_store' });

  router.post('/add', upload, async (ctx) => {
    const name = await storeModel(deps, modelChoice(requestParams(ctx), uploadedFiles(ctx)), callerOf(ctx));
    ctx.type = 'text/plain';
    ctx.body = name;
  });

  router.get('/list', async (ctx) => {
    ctx.body = await listModels(deps, callerOf(ctx));
  });

  router.get('/get', async (ctx) => {
    ctx.body = await storedModel(deps, modelName(requestParams(ctx)), callerOf(ctx));
  });

  router.delete('/delete', async (ctx) => {
    ctx.body = await deleteModel(deps, modelName(requestParams(ctx)), callerOf(ctx));
  });

  const access = (ctx: Parameters<Middleware>[0]): Promise<AccessList> => modelAccess(deps, modelName(requestParams(ctx)), callerOf(ctx));
  router.get('/list/owner', async (ctx) => {
    ctx.type = 'text/plain';
    ctx.body = (await access(ctx)).owner;
  });
  for (const [path, grant] of GRANT_PATHS) {
    router.get(`/list/${path}`, async (ctx) => {
      ctx.body = (await access(ctx))[grant];
    });
    const change = (kind: 'add' | 'remove'): Middleware => async (ctx) => {
      const params = requestParams(ctx);
      const request = { model: modelName(params), grant, name: grantName(grant, params[grantParam(grant)]), change: kind };
      ctx.body = await changeGrant(deps, callerOf(ctx), request);
    };
    router.post(`/add/${path}`, change('add'));
    router.delete(`/delete/${path}`, change('remove'));
  }

  return router;
}
