/**
 * /model_store/*: stored models by name (kept in JetStream). Unlike the original, /delete answers true when
 * the model was deleted, and adding never happens implicitly through /datagen uploads.
 */
import type Router from '@koa/router';
import { apiRouter } from '../router.js';
import type { Middleware } from 'koa';
import { BadRequestError, NotFoundError } from '../../errors.js';
import type { ApiDeps } from '../deps.js';
import { resolveModel, type UploadedFile } from '../model-input.js';
import { requestParams } from '../params.js';
import { redactModel } from '../../secrets/model-secrets.js';
import { assertCanRecord } from '../availability.js';
import { readableFiles } from '../../readable-files.js';

export function modelStoreRoutes(deps: ApiDeps, upload: Middleware): Router {
  const router = apiRouter({ prefix: '/model_store' });
  const modelName = (params: Record<string, string | undefined>) => {
    const name = params.model?.trim();
    if (!name) throw new BadRequestError('parameter model (the model name) is required', { parameter: 'model' });
    return name;
  };

  router.post('/add', upload, async (ctx) => {
    assertCanRecord(deps.health);
    const files = ((ctx as unknown as { files?: UploadedFile[] }).files ?? []) as UploadedFile[];
    const model = await resolveModel(requestParams(ctx), files, { store: deps.models, modelDirs: deps.config.modelDirs, protectedRoots: deps.config.protectedRoots, limits: deps.config.limits });
    await deps.modelChecks.compile(model, readableFiles(deps.config));
    await deps.models.save(model);
    deps.log.info({ model: model.name }, 'model stored');
    ctx.type = 'text/plain';
    ctx.body = model.name;
  });

  router.get('/list', async (ctx) => {
    ctx.body = await deps.models.list();
  });

  router.get('/get', async (ctx) => {
    const name = modelName(requestParams(ctx));
    const model = await deps.models.getByName(name);
    if (!model) throw new NotFoundError(`model "${name}" is not in the model store`, { model: name });
    // Secrets are shown to no one, admins included: they stay in the model secrets bucket.
    ctx.body = toDatagenFormat(redactModel(model));
  });

  router.delete('/delete', async (ctx) => {
    assertCanRecord(deps.health);
    const name = modelName(requestParams(ctx));
    ctx.body = await deps.models.delete(name);
  });

  return router;
}

/** The stored model in the Datagen file format, as users wrote it. */
function toDatagenFormat(model: import('../../model/types.js').ModelDefinition) {
  return {
    model_name: model.name,
    Fields: model.fields.map((f) => ({ name: f.name, type: f.type, ...(f.ghost ? { ghost: true } : {}), ...f.props })),
    Table_Names: model.tableNames,
    Options: model.options,
    ...(Object.keys(model.primaryKeys).length ? { Primary_Keys: model.primaryKeys } : {}),
  };
}
