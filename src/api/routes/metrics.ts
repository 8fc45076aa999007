/** GET /metrics (Prometheus text format) and /metrics/all (JSON summary, as the original's /api/v1/metrics/all). */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { ServiceMetrics } from '../../metrics.js';

export function metricsRoutes(metrics: ServiceMetrics): Router {
  const router = apiRouter();
  router.get('/metrics', async (ctx) => {
    ctx.type = metrics.registry.contentType;
    ctx.body = await metrics.registry.metrics();
  });
  router.get('/metrics/all', async (ctx) => {
    ctx.body = await metrics.summary();
  });
  return router;
}
