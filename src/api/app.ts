/** The Koa application: one error middleware first, then every route both at / and under /api/v1. */
import { bodyParser } from '@koa/bodyparser';
import multer from '@koa/multer';
import Koa from 'koa';
import type { ApiDeps } from './deps.js';
import { errorMiddleware } from './errors.js';
import { natsUnavailable } from '../nats/unavailable.js';
import { createAuthenticator } from './authentication.js';
import { guardRoutes, unmatchedRoute } from './authorization.js';
import { apiRouter } from './router.js';
import { siteGuards } from './site-guards.js';
import { commandOutputRoutes } from './routes/command-output.js';
import { commandRoutes } from './routes/commands.js';
import { apiModeRoutes } from './routes/api-mode.js';
import { datagenRoutes } from './routes/datagen.js';
import { healthRoutes } from './routes/health.js';
import { adminRoutes } from './routes/admin.js';
import { metricsRoutes } from './routes/metrics.js';
import { modelTestRoutes } from './routes/model-test.js';
import { liveEventRoutes } from './routes/live-events.js';
import { modelStoreRoutes } from './routes/model-store.js';
import { modelGenerationRoutes } from './routes/model-generation.js';
import { userRoutes } from './routes/users.js';
import { credentialRoutes } from './routes/credentials.js';
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
  for (const guard of siteGuards(deps.config, deps.users.seeds)) app.use(guard);
  const authenticate = createAuthenticator(deps.users, deps.config.authThrottle, deps.log);
  const parseBody = bodyParser({ enableTypes: ['json', 'form'], jsonLimit: limit, formLimit: limit });

  const routers = [apiModeRoutes(deps, upload), datagenRoutes(deps, upload), commandRoutes(deps), commandOutputRoutes(deps), liveEventRoutes(deps), modelStoreRoutes(deps, upload), adminRoutes(deps), metricsRoutes(deps.metrics), modelTestRoutes(deps, upload), userRoutes({ users: deps.users, store: deps.userStore }), credentialRoutes({ vault: deps.credentialVault, ids: deps.ids, clock: deps.clock }, upload), healthRoutes(deps.health), openApiRoutes()];
  routers.push(modelGenerationRoutes(deps));
  for (const prefix of ['', '/api/v1']) {
    const root = apiRouter({ prefix });
    for (const r of routers) root.use(r.routes());
    // Each route checks its declared role once matched, before its body is parsed.
    app.use(guardRoutes(root, prefix, authenticate, [parseBody]).routes());
  }
  app.use(guardRoutes(dashboardRoutes(apiRouter()), '', authenticate).routes());
  app.use(unmatchedRoute(authenticate));
  return app;
}
