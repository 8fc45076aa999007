/** /credentials/*: the original's credential routes, for credentials sealed in JetStream (src/use-cases/manage-credentials.ts). */
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { BadRequestError } from '../../errors.js';
import { addCredentials, listCredentials, listCredentialsForUser, removeCredentials, type ManageCredentialsDeps } from '../../use-cases/manage-credentials.js';
import { callerOf } from '../caller.js';
import { uploadedFiles } from '../model-input.js';
import { optionalBoolean, repeatedParam, requestParams } from '../params.js';
import { apiRouter } from '../router.js';

const SECRET_PARAMS = ['content', 'password'] as const;

/** The secret: a file part named content, else the content field's text. */
function contentOf(ctx: Context, value: string | undefined): Buffer | undefined {
  const files = uploadedFiles(ctx);
  const stray = files.find((f) => f.fieldname !== 'content');
  if (stray) throw new BadRequestError(`file part ${stray.fieldname.slice(0, 40)} is not read here: upload the secret as the part content`, { parameter: stray.fieldname });
  const file = files.find((f) => f.fieldname === 'content');
  return file ? file.buffer : value !== undefined ? Buffer.from(value, 'utf8') : undefined;
}

export function credentialRoutes(deps: ManageCredentialsDeps, upload: Middleware): Router {
  const router = apiRouter();
  router.get('/credentials/listCredentials', async (ctx) => {
    ctx.body = await listCredentials(deps, callerOf(ctx));
  });
  router.get('/credentials/listCredentialsForUser', async (ctx) => {
    ctx.body = await listCredentialsForUser(deps, callerOf(ctx), requestParams(ctx).user);
  });
  router.post('/credentials/addCredentials', upload, async (ctx) => {
    // A URL is logged by proxies and kept in shell histories: the secret must come in the body.
    const inQuery = SECRET_PARAMS.find((name) => ctx.query[name] !== undefined);
    if (inQuery) throw new BadRequestError(`parameter ${inQuery} must be sent in the request body (multipart or form), never in the query string`, { parameter: inQuery });
    const p = requestParams(ctx);
    ctx.body = await addCredentials(deps, callerOf(ctx), {
      name: p.name, type: p.type, account: p.account, owner: p.owner, password: p.password,
      content: contentOf(ctx, p.content), replace: optionalBoolean(p, 'replace') ?? false,
      users: repeatedParam(ctx, 'users'), groups: repeatedParam(ctx, 'groups'),
    });
  });
  router.delete('/credentials/removeCredentials', async (ctx) => {
    ctx.body = await removeCredentials(deps, callerOf(ctx), requestParams(ctx).credName);
  });
  return router;
}
