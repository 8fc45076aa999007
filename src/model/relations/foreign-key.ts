/**
 * A foreign-key field's generator: the key of the parent row its child index maps to (`children`: each parent a
 * seeded number of children, child-mapping.ts) or of a parent drawn from the row's PRNG (`pick`, uniform or skewed:
 * zipf-pick.ts). The value is the parent's own key value, so keys agree wherever and whenever either side is generated.
 */
import { ModelError } from '../../errors.js';
import type { FieldSpec } from '../field-spec.js';
import type { FieldGen } from '../fields/runtime.js';
import { intBelow } from '../prng.js';
import type { FieldType, ModelDefinition, RowGenerator, Value } from '../types.js';
import { childMapping } from './child-mapping.js';
import { MAX_PERMUTED } from './index-permutation.js';
import { KEPT_KEYS, parentKeys, type RelationContext } from './parent-keys.js';
import { zipfOrder } from './zipf-pick.js';

export interface ForeignKey {
  gen: FieldGen;
  /** True when the value is a function of the row index alone (no PRNG draw): a child's child can compute it. */
  indexOnly: boolean;
  dispose(): void;
}

/** The type of a key's values as a column: a counter's values are plain integers. */
function valueType(type: FieldType): FieldType {
  return type === 'INCREMENT_INTEGER' ? 'INTEGER' : type === 'INCREMENT_LONG' ? 'LONG' : type;
}

/**
 * What seeds a relation's child counts besides the parent's seed: the parent model alone, so every field of a child
 * that spreads over the same parent generation the same way reads the same parent row (a line item's order_id and
 * customer_id agree).
 */
export function relationLabel(spec: FieldSpec): string {
  return spec.references!.model;
}

export async function foreignKey(spec: FieldSpec, ctx: RelationContext): Promise<ForeignKey> {
  const ref = spec.references!;
  const path = `${spec.path}.references`;
  const parent = await parentKeys(ref, ctx, path);
  const type = valueType(parent.key.type);
  if (valueType(spec.type) !== type) {
    parent.dispose();
    throw new ModelError(`field "${spec.name}" is ${spec.type} but its parent key "${ref.model}.${ref.field}" is ${parent.key.type}: give the field type ${type}`, `${spec.path}.type`);
  }
  const parents = ref.rows * ref.batches;
  const { keyAt } = parent;
  if (ref.cardinality.kind === 'pick' && parent.fromRows && parents > KEPT_KEYS) {
    parent.dispose();
    throw new ModelError(`pick over "${ref.model}.${ref.field}", a key read from the parent's rows, takes at most ${KEPT_KEYS} parents (got ${parents}): spread the children with "children", or reference a parent key of type INCREMENT_INTEGER or INCREMENT_LONG`, `${path}.pick`);
  }
  if (ref.cardinality.kind === 'pick') {
    const { zipf } = ref.cardinality;
    if (zipf === undefined) return { gen: (st) => keyAt(intBelow(st.rng, parents)), indexOnly: false, dispose: parent.dispose };
    if (parents > MAX_PERMUTED) {
      parent.dispose();
      throw new ModelError(`a zipf pick takes at most 2^52 parents (got ${parents})`, `${path}.pick`);
    }
    const { pick } = zipfOrder(parents, zipf, ref.seed, relationLabel(spec));
    return { gen: (st) => keyAt(pick(st.rng)), indexOnly: false, dispose: parent.dispose };
  }
  const mapping = childMapping(ref.cardinality.counts, ref.seed, relationLabel(spec), parents);
  // A parent's children are consecutive: its key is looked up once for all of them.
  let lastParent = -1;
  let lastKey: Value = null;
  return {
    gen: (st) => {
      const p = mapping.parentOf(st.row);
      if (p !== lastParent) {
        lastParent = p;
        lastKey = p < 0 ? null : keyAt(p);
      }
      return lastKey;
    },
    indexOnly: true,
    dispose: parent.dispose,
  };
}

/** The foreign keys of a model's fields, by field index, compiled with their parents; `compile` compiles a model. */
export async function foreignKeys(
  specs: FieldSpec[],
  parents: Readonly<Record<string, ModelDefinition>>,
  compile: (model: ModelDefinition) => Promise<RowGenerator>,
  depth = 0,
): Promise<{ byIndex: Map<number, ForeignKey>; dispose(): void }> {
  const ctx = (d: number): RelationContext => ({
    parents,
    compile,
    depth: d,
    referenceField: (s, _model, next) => foreignKey(s, ctx(next)),
  });
  const byIndex = new Map<number, ForeignKey>();
  const dispose = () => { for (const fk of byIndex.values()) fk.dispose(); };
  try {
    for (const s of specs) if (s.references) byIndex.set(s.index, await foreignKey(s, ctx(depth)));
  } catch (e) {
    dispose();
    throw e;
  }
  return { byIndex, dispose };
}
