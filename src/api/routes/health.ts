/**
 * Health for load balancers, orchestrators and scripts. /health/status (the original's route) tells the truth:
 * 200 only when NATS is connected and JetStream answers, 503 with the reason otherwise. /health/live only says the
 * process answers (restart it when this fails); /health/ready is /health/status under the usual name.
 */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Context } from 'koa';
import type { HealthProbe } from '../../health.js';

export function healthRoutes(health: HealthProbe): Router {
  const router = apiRouter();
  const status = async (ctx: Context) => {
    const report = await health.check();
    ctx.set('Cache-Control', 'no-store');
    ctx.status = report.ok ? 200 : 503;
    ctx.body = { status: report.ok ? 'OK' : 'DOWN', nats: report.nats, jetstream: report.jetstream, ...(report.reason ? { reason: report.reason } : {}) };
  };
  router.get('/health/status', status);
  router.get('/health/ready', status);
  router.get('/health/live', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'OK' };
  });
  return router;
}
