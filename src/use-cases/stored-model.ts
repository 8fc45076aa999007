/**
 * A stored model in the Datagen file format, as users wrote it, with its secrets shown as ******** to everyone
 * (admins included): they stay in the model secrets bucket. A model the caller may not use is a 404, as none.
 */
import { lifecycleJson } from '../model/lifecycle/lifecycle-spec.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../ports/model-store.js';
import { redactModel } from '../secrets/model-secrets.js';
import type { Caller } from '../users/user-directory.js';
import { modelNotStored, usableAccess } from './model-access.js';

export async function storedModel(deps: { models: ModelStore }, name: string, caller: Caller): Promise<Record<string, unknown>> {
  await usableAccess(deps.models, caller, name);
  const model = await deps.models.getByName(name);
  if (!model) throw modelNotStored(name);
  return datagenFormat(redactModel(model));
}

function datagenFormat(model: ModelDefinition): Record<string, unknown> {
  return {
    model_name: model.name,
    Fields: model.fields.map((f) => ({ name: f.name, type: f.type, ...(f.ghost ? { ghost: true } : {}), ...f.props })),
    Table_Names: model.tableNames,
    Options: model.options,
    ...(Object.keys(model.primaryKeys).length ? { Primary_Keys: model.primaryKeys } : {}),
    ...(model.lifecycle ? { Lifecycle: lifecycleJson(model.lifecycle) } : {}),
  };
}
