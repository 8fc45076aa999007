/**
 * A stored model in the Datagen file format, as users wrote it, with its secrets shown as ******** to everyone
 * (admins included): they stay in the model secrets bucket.
 */
import { NotFoundError } from '../errors.js';
import type { ModelDefinition } from '../model/types.js';
import type { ModelStore } from '../ports/model-store.js';
import { redactModel } from '../secrets/model-secrets.js';

export async function storedModel(deps: { models: ModelStore }, name: string): Promise<Record<string, unknown>> {
  const model = await deps.models.getByName(name);
  if (!model) throw new NotFoundError(`model "${name}" is not in the model store`, { model: name });
  return datagenFormat(redactModel(model));
}

function datagenFormat(model: ModelDefinition): Record<string, unknown> {
  return {
    model_name: model.name,
    Fields: model.fields.map((f) => ({ name: f.name, type: f.type, ...(f.ghost ? { ghost: true } : {}), ...f.props })),
    Table_Names: model.tableNames,
    Options: model.options,
    ...(Object.keys(model.primaryKeys).length ? { Primary_Keys: model.primaryKeys } : {}),
  };
}
