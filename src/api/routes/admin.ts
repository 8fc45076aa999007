/** POST /admin/replay: rebuilds the read model from the events stream and checks it against the live one. */
import Router from '@koa/router';
import { rebuildReadModel, readModelDigest } from '../../projection/replay.js';
import type { ApiDeps } from '../deps.js';

export function adminRoutes(deps: ApiDeps): Router {
  const router = new Router({ prefix: '/admin' });
  router.post('/replay', async (ctx) => {
    // Freeze the live view at one sequence, then rebuild exactly up to it.
    const seq = deps.readModel.appliedSeq;
    const now = Date.now();
    const live = readModelDigest(deps.readModel, now);
    const rebuilt = await rebuildReadModel(deps.events, seq);
    const identical = readModelDigest(rebuilt.readModel, now) === live;
    deps.log.info({ seq, events: rebuilt.events, durationMs: Math.round(rebuilt.durationMs), identical }, 'read model replayed');
    ctx.body = {
      seq,
      events: rebuilt.events,
      commands: rebuilt.readModel.all().length,
      schedules: rebuilt.readModel.allSchedules().length,
      byStatus: rebuilt.readModel.countsByStatus(),
      durationMs: Math.round(rebuilt.durationMs),
      identical,
    };
  });
  return router;
}
