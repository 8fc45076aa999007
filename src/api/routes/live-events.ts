/**
 * GET /command/events: Server-Sent Events. With commandUuid: the command's past events, then live ones,
 * ending after its terminal event. Without: every command's events as they happen, until the client leaves.
 */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Context } from 'koa';
import { PassThrough } from 'node:stream';
import { TERMINAL_STATUSES } from '../../../machines/command.machine.js';
import { NotFoundError } from '../../errors.js';
import type { CommandSnapshot } from '../../command/fold.js';
import { statusOf } from '../../command/fold.js';
import type { StoredEvent } from '../../events/types.js';
import { statusView } from '../../projection/status-view.js';
import type { ReadModel } from '../../projection/read-model.js';
import type { ApiDeps } from '../deps.js';
import { commandUuidParam, requestParams } from '../params.js';
import { redactDeep } from '../../secrets/redact-deep.js';

const KEEPALIVE_MS = 15_000;

function sseMessage(event: StoredEvent, snapshot: CommandSnapshot | undefined, waits: ReadModel['waitsOf']): string {
  const payload = {
    seq: event.seq,
    type: event.type,
    at: event.meta.occurredAt,
    commandUuid: event.meta.commandUuid,
    data: redactDeep(event.data),
    ...(snapshot ? { status: { ...statusView(snapshot), ...waits(snapshot) } } : {}),
  };
  return `id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(payload)}\n\n`;
}

const isTerminal = (s: CommandSnapshot | undefined) => !!s && (TERMINAL_STATUSES as readonly string[]).includes(statusOf(s));

export function liveEventRoutes(deps: ApiDeps): Router {
  const router = apiRouter();
  const handler = async (ctx: Context) => {
    const params = requestParams(ctx);
    const uuid = params.commandUuid ? commandUuidParam(params) : undefined;
    if (uuid && !deps.readModel.has(uuid)) throw new NotFoundError(`command ${uuid} not found`, { commandUuid: uuid });

    const stream = new PassThrough();
    stream.on('error', () => {}); // the client went away: nothing to report
    ctx.req.socket.setTimeout(0);
    ctx.set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    ctx.status = 200;
    ctx.body = stream;

    let lastSeq = 0;
    let ended = false;
    const buffered: Array<[StoredEvent, CommandSnapshot | undefined]> = [];
    let replaying = !!uuid;
    const end = () => {
      if (ended) return;
      ended = true;
      unsubscribe();
      clearInterval(keepalive);
      stream.end();
    };
    const send = (event: StoredEvent, snapshot: CommandSnapshot | undefined) => {
      if (ended || event.seq <= lastSeq) return;
      lastSeq = event.seq;
      stream.write(sseMessage(event, snapshot, (s) => deps.readModel.waitsOf(s)));
      if (uuid && isTerminal(snapshot)) end();
    };
    // Subscribe before reading history so nothing falls between the two.
    const unsubscribe = deps.readModel.onEvent((event, snapshot) => {
      if (uuid && event.meta.commandUuid !== uuid) return;
      if (replaying) buffered.push([event, snapshot]);
      else send(event, snapshot);
    });
    const keepalive = setInterval(() => stream.write(': keepalive\n\n'), KEEPALIVE_MS);
    ctx.req.on('close', end);
    stream.write(': connected\n\n');

    if (uuid) {
      const history = await deps.events.readCommand(uuid);
      const current = await deps.readModel.load(uuid);
      history.forEach((e, i) => send(e, i === history.length - 1 ? current : undefined));
      replaying = false;
      for (const [e, s] of buffered) send(e, s);
      if (isTerminal(await deps.readModel.load(uuid))) end();
    }
  };
  router.get('/command/events', handler);
  return router;
}
