/** POST /admin/replay: rebuilds the read model from the events stream and checks it against the live one. */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import { rebuildReadModel, readModelDigest } from '../../projection/replay.js';
import type { ApiDeps } from '../deps.js';
import { assertCanRecord } from '../availability.js';

export function adminRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/admin' });
  // One replay at a time: it reads the whole stream, so callers that arrive while one runs share its answer
  // instead of starting another (a burst of clicks or a hostile loop must not multiply the work).
  let running: Promise<Record<string, unknown>> | undefined;
  router.post('/replay', async (ctx) => {
    assertCanRecord(deps.health);
    running ??= replay(deps).finally(() => (running = undefined));
    ctx.body = await running;
  });
  return router;
}

async function replay(deps: ApiDeps): Promise<Record<string, unknown>> {
  // Freeze the live view at one sequence, then rebuild exactly up to it.
  const seq = deps.readModel.appliedSeq;
  const now = Date.now();
  const live = readModelDigest(deps.readModel, now);
  const rebuilt = await rebuildReadModel(deps.events, seq);
  const identical = readModelDigest(rebuilt.readModel, now) === live;
  deps.log.info({ seq, events: rebuilt.events, durationMs: Math.round(rebuilt.durationMs), identical }, 'read model replayed');
  return {
    seq,
    events: rebuilt.events,
    commands: rebuilt.readModel.all().length,
    schedules: rebuilt.readModel.allSchedules().length,
    byStatus: rebuilt.readModel.countsByStatus(),
    durationMs: Math.round(rebuilt.durationMs),
    identical,
  };
}
