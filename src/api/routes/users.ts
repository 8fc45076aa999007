/** /users/*: the original's user routes (each answers a boolean), for users stored in JetStream; /users/me, the caller. */
import type Router from '@koa/router';
import { addGroups, addUser, deleteUser, listUsers, updatePassword, type ManageUsersDeps } from '../../use-cases/manage-users.js';
import { callerOf } from '../caller.js';
import { repeatedParam, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

export function userRoutes(deps: ManageUsersDeps): Router {
  const router = apiRouter();
  // The dashboard hides the controls the caller's role may not use (the routes refuse them anyway).
  router.get('/users/me', (ctx) => {
    const { name, role } = callerOf(ctx);
    ctx.body = { name, role };
  });
  router.get('/users/list', async (ctx) => {
    ctx.body = await listUsers(deps);
  });
  router.post('/users/add', async (ctx) => {
    const p = requestParams(ctx);
    ctx.body = await addUser(deps, { username: p.username, password: p.password, groups: repeatedParam(ctx, 'groups') });
  });
  router.post('/users/add_groups', async (ctx) => {
    ctx.body = await addGroups(deps, { username: requestParams(ctx).username, groups: repeatedParam(ctx, 'groups') });
  });
  router.post('/users/update_password', async (ctx) => {
    const p = requestParams(ctx);
    ctx.body = await updatePassword(deps, callerOf(ctx), { username: p.username, password: p.password });
  });
  router.delete('/users/delete', async (ctx) => {
    ctx.body = await deleteUser(deps, { username: requestParams(ctx).username });
  });
  return router;
}
