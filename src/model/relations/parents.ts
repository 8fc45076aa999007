/**
 * The parent models a model's foreign keys name, found when a command is submitted (or a model tested): each
 * loaded once through `load` (the caller's stored models and model files), theirs too, all kept in the model's
 * `parents` by name. A cycle (orders → customers → orders) or more than MAX_PARENTS models is refused.
 */
import { ModelError } from '../../errors.js';
import { fieldSpecs } from '../parse.js';
import type { ModelDefinition } from '../types.js';

export const MAX_PARENTS = 16;

export type LoadParent = (name: string, path: string) => Promise<ModelDefinition>;

/** The parents a model's fields name, with where each is named. */
function named(model: ModelDefinition): Array<{ name: string; path: string }> {
  return fieldSpecs(model).flatMap((s) => (s.references ? [{ name: s.references.model, path: `${s.path}.references.model` }] : []));
}

export async function withParents(model: ModelDefinition, load: LoadParent): Promise<ModelDefinition> {
  if (named(model).length === 0) return withoutParents(model);
  const parents: Record<string, ModelDefinition> = {};
  const visit = async (m: ModelDefinition, chain: string[]): Promise<void> => {
    for (const { name, path } of named(m)) {
      const where = chain.length > 1 ? `parent model "${m.name}": ${path}` : path;
      if (chain.includes(name)) throw new ModelError(`models reference each other in a cycle: ${[...chain, name].join(' → ')}`, where);
      if (!Object.hasOwn(parents, name)) {
        if (Object.keys(parents).length >= MAX_PARENTS) throw new ModelError(`a model may have at most ${MAX_PARENTS} parent models`, where);
        const parent = withoutParents(await load(name, where));
        if (parent.name !== name) throw new ModelError(`names "${name}", whose model_name is "${parent.name}"`, where);
        parents[name] = parent;
      }
      await visit(parents[name], [...chain, name]);
    }
  };
  await visit(model, [model.name]);
  return { ...withoutParents(model), parents };
}

/** The model as written: what is stored under its name (its parents are found again at each use). */
export function withoutParents(model: ModelDefinition): ModelDefinition {
  if (!model.parents) return model;
  const own = { ...model };
  delete own.parents;
  return own;
}
