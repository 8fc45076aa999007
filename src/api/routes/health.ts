/** Liveness for load balancers and scripts. */
import Router from '@koa/router';

export function healthRoutes(): Router {
  const router = new Router();
  router.get('/health/status', (ctx) => {
    ctx.body = { status: 'OK' };
  });
  return router;
}
