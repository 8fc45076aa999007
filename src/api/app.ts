/** The Koa application: one error middleware first, then every route both at / and under /api/v1. */
import { bodyParser } from '@koa/bodyparser';
import multer from '@koa/multer';
import Router from '@koa/router';
import Koa from 'koa';
import { AppError, NotFoundError } from '../errors.js';
import type { ApiDeps } from './deps.js';
import { errorMiddleware } from './errors.js';
import { natsUnavailable } from '../nats/unavailable.js';
import { authMiddleware } from './auth.js';
import { commandRoutes } from './routes/commands.js';
import { datagenRoutes } from './routes/datagen.js';
import { healthRoutes } from './routes/health.js';
import { adminRoutes } from './routes/admin.js';
import { metricsRoutes } from './routes/metrics.js';
import { modelTestRoutes } from './routes/model-test.js';
import { liveEventRoutes } from './routes/live-events.js';
import { modelStoreRoutes } from './routes/model-store.js';
import { openApiRoutes } from './openapi/router.js';
import { dashboardRoutes } from '../dashboard/routes.js';

export function createApp(deps: ApiDeps): Koa {
  const app = new Koa();
  const limit = deps.config.maxUploadBytes;
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: limit, fieldSize: limit, files: 2, fields: 50, parts: 60 },
  }).any();

  app.use(errorMiddleware(deps.log, limit, natsUnavailable));
  app.use(authMiddleware(deps.users));
  app.use(bodyParser({ enableTypes: ['json', 'form'], jsonLimit: limit, formLimit: limit }));

  const routers = [datagenRoutes(deps, upload), commandRoutes(deps), liveEventRoutes(deps), modelStoreRoutes(deps, upload), adminRoutes(deps), metricsRoutes(deps.metrics), modelTestRoutes(deps, upload), healthRoutes(deps.health), openApiRoutes()];
  for (const prefix of ['', '/api/v1']) {
    const root = new Router({ prefix });
    for (const r of routers) root.use(r.routes(), r.allowedMethods());
    app.use(root.routes()).use(root.allowedMethods());
  }
  app.use(dashboardRoutes().routes());
  app.use((ctx) => {
    // The path exists with other methods: 405 with Allow, as HTTP says (the routers fell through to here).
    const matched = (ctx as unknown as { matched?: Array<{ methods: string[] }> }).matched ?? [];
    const allowed = [...new Set(matched.flatMap((layer) => layer.methods))];
    if (allowed.length && !allowed.includes(ctx.method)) {
      ctx.set('Allow', allowed.join(', '));
      throw new AppError(`method ${ctx.method} is not allowed on ${ctx.path}; use ${allowed.filter((m) => m !== 'HEAD').join(' or ')}`, 405, 'METHOD_NOT_ALLOWED');
    }
    throw new NotFoundError(`no route ${ctx.method} ${ctx.path}`);
  });
  return app;
}
