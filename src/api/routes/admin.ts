/** POST /admin/replay: rebuilds the read model from the events stream and checks it against the live one. */
import type Router from '@koa/router';
import { replayReadModel } from '../../use-cases/replay-read-model.js';
import type { ApiDeps } from '../deps.js';
import { apiRouter } from '../router.js';

export function adminRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/admin' });
  const replay = replayReadModel(deps);
  router.post('/replay', async (ctx) => {
    ctx.body = await replay();
  });
  return router;
}
