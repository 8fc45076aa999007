/**
 * /command/{commandUuid}/output: a zip of the local files the command produced, streamed entry by entry (one file
 * open at a time, bounded memory); /command/{commandUuid}/output/preview: the first lines of its first csv or
 * json file. Which files is decided by the command's own events (use-cases/command-output.ts), never the request.
 */
import type Router from '@koa/router';
import { ZipFile } from 'yazl';
import { BadRequestError } from '../../errors.js';
import { commandOutputFiles, openFile, previewOutput } from '../../use-cases/command-output.js';
import type { ApiDeps } from '../deps.js';
import { commandUuidParam, optionalNonNegativeInt, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

export const PREVIEW_LINES = { default: 20, max: 1000 };

export function commandOutputRoutes(deps: ApiDeps): Router {
  const router = apiRouter({ prefix: '/command' });

  router.get('/:commandUuid/output', async (ctx) => {
    const uuid = commandUuidParam({ commandUuid: ctx.params.commandUuid });
    const files = await commandOutputFiles(deps, uuid);
    const zip = new ZipFile();
    for (const file of files) {
      zip.addReadStreamLazy(file.name, (cb) => {
        openFile(file.real).then((handle) => cb(null, handle.createReadStream()), (err: Error) => cb(err, undefined as never));
      });
    }
    zip.end();
    ctx.type = 'application/zip';
    ctx.attachment(`datagen-${uuid}.zip`);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = zip.outputStream;
  });

  router.get('/:commandUuid/output/preview', async (ctx) => {
    const uuid = commandUuidParam({ commandUuid: ctx.params.commandUuid });
    ctx.body = await previewOutput(deps, uuid, previewLines(requestParams(ctx)));
  });

  return router;
}

function previewLines(params: Record<string, string | undefined>): number {
  const n = optionalNonNegativeInt(params, 'lines') ?? PREVIEW_LINES.default;
  if (n < 1 || n > PREVIEW_LINES.max) {
    throw new BadRequestError(`parameter lines must be between 1 and ${PREVIEW_LINES.max}, got ${n}`, { parameter: 'lines', value: String(n) });
  }
  return n;
}
