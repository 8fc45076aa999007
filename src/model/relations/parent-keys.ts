/**
 * The key of a parent's row p, computed by the child (pure but for compiling the parent): a key that is a function
 * of the row index alone (INCREMENT_INTEGER, INCREMENT_LONG, a foreign key spread with `children`) is computed from
 * p directly, O(1); any other key is read from the parent's rows, generated a chunk at a time around p exactly as
 * the parent command generates them (same seed, rows per batch, row blocks), up to KEPT_KEYS keys kept.
 */
import { ModelError } from '../../errors.js';
import type { FieldSpec } from '../field-spec.js';
import { numberGenerator } from '../fields/numbers.js';
import type { FieldGen, RowState } from '../fields/runtime.js';
import { fieldSpecs } from '../parse.js';
import { ROW_BLOCK } from '../row-blocks.js';
import type { ModelDefinition, RowGenerator, Value } from '../types.js';
import type { ReferenceSpec } from './reference-spec.js';

export type KeyAt = (parentIndex: number) => Value;

export interface ParentKeys {
  keyAt: KeyAt;
  /** The parent key field's spec (its type is the foreign key's). */
  key: FieldSpec;
  /** True when keys are read from generated parent rows (not computed from the index). */
  fromRows: boolean;
  dispose(): void;
}

export interface RelationContext {
  parents: Readonly<Record<string, ModelDefinition>>;
  /** Compiles a parent model (compile.ts's compileModel, passed in so this folder does not import it back). */
  compile: (model: ModelDefinition) => Promise<RowGenerator>;
  /** Builds a foreign-key field of a parent whose own key is asked for (a chain: line items → orders → customers). */
  referenceField: (spec: FieldSpec, model: ModelDefinition, depth: number) => Promise<{ gen: FieldGen; dispose(): void; indexOnly: boolean }>;
  depth: number;
}

/** Parent chains deeper than this are refused (a cycle the submit check missed, or a mistake). */
export const MAX_DEPTH = 8;
/**
 * Keys of parent chunks kept at most (the oldest chunks dropped first): children in order need one chunk; picks
 * over a key read from rows need them all, so they are refused past this many parents (foreign-key.ts).
 */
export const KEPT_KEYS = 262_144;

/** A key computed from the row index alone, through one reused row state (no PRNG: such a key draws none). */
function byIndex(gen: FieldGen): KeyAt {
  const st: RowState = { row: 0, rng: undefined as never, vals: [], recs: [], now: 0, clock: () => 0 };
  return (p) => {
    st.row = p;
    return gen(st);
  };
}

export function parentModel(ref: ReferenceSpec, ctx: RelationContext, path: string): ModelDefinition {
  const model = Object.hasOwn(ctx.parents, ref.model) ? ctx.parents[ref.model] : undefined;
  if (!model) throw new ModelError(`parent model "${ref.model}" is not known: name a stored model or a model file when submitting`, `${path}.model`);
  return model;
}

export async function parentKeys(ref: ReferenceSpec, ctx: RelationContext, path: string): Promise<ParentKeys> {
  if (ctx.depth >= MAX_DEPTH) throw new ModelError(`parent models nest deeper than ${MAX_DEPTH} levels (a cycle?)`, `${path}.model`);
  const model = parentModel(ref, ctx, path);
  const specs = fieldSpecs(model);
  const key = specs.find((s) => s.name === ref.field);
  if (!key) throw new ModelError(`parent model "${ref.model}" has no field "${ref.field}"; its fields: ${specs.map((s) => s.name).join(', ')}`, `${path}.field`);
  if (key.ghost) throw new ModelError(`field "${ref.field}" of "${ref.model}" is a ghost field: it is never written, so no key could resolve`, `${path}.field`);
  if (key.type.startsWith('INCREMENT') && !key.computed && !key.possible) {
    return { key, fromRows: false, keyAt: byIndex(numberGenerator(key)!), dispose: () => {} };
  }
  if (key.references) {
    const field = await ctx.referenceField(key, model, ctx.depth + 1);
    if (field.indexOnly) return { key, fromRows: false, keyAt: byIndex(field.gen), dispose: field.dispose };
    field.dispose();
  }
  return rowKeys(ref, key, await ctx.compile(model));
}

/**
 * A kept text key as one flat string. Generated texts are ropes (a UUID is some twenty concatenated pieces): kept
 * and written many times, each write walks the rope again and the pieces fill the heap; a pick over 200,000 UUIDs
 * ran at half the speed of the same model with a fresh UUID in place (bench/relations.ts) for that alone.
 */
function flat(v: Value): Value {
  return typeof v === 'string' && v.length > 12 ? (JSON.parse(JSON.stringify(v)) as string) : v;
}

/** Keys read from generated parent rows: the chunk holding p, generated on demand, the last few kept. */
function rowKeys(ref: ReferenceSpec, key: FieldSpec, gen: RowGenerator): ParentKeys {
  const kept = new Map<number, Value[]>();
  let keptKeys = 0;
  const chunk = Math.min(gen.chunkRows, ROW_BLOCK);
  const keyAt: KeyAt = (p) => {
    const batch = Math.floor(p / ref.rows);
    const r = p - batch * ref.rows;
    const blockStart = Math.floor(r / ROW_BLOCK) * ROW_BLOCK;
    const start = blockStart + Math.floor((r - blockStart) / chunk) * chunk;
    const id = batch * ref.rows + start;
    let keys = kept.get(id);
    if (!keys) {
      keys = [];
      const rows = Math.min(chunk, blockStart + ROW_BLOCK - start, ref.rows - start);
      // The parent's rows do not depend on the instant they are made at for keys worth the name (not TIMESTAMP).
      for (const part of gen.chunks(ref.seed, batch, ref.rows, { firstRow: start, rows }, { referenceTime: 0 })) for (const row of part) keys.push(flat(row[key.name]));
      for (const [oldest, dropped] of kept) {
        if (keptKeys + keys.length <= KEPT_KEYS) break;
        kept.delete(oldest);
        keptKeys -= dropped.length;
      }
      kept.set(id, keys);
      keptKeys += keys.length;
    }
    return keys[r - start];
  };
  return { key, fromRows: true, keyAt, dispose: () => gen.dispose?.() };
}
